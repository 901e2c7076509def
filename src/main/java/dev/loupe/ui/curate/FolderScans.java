package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.LeftOut;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.LatestRequest;
import javafx.application.Platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the dataset folder for the Curate pane: the open (the first class at once, then the whole folder and the edit
 * journal) and each rescan, as jobs on the pane's queue. Results go to the {@link CurateViewModel} through the
 * session's {@code fx}, and a scan is handed over only if no newer one was asked for since, so a burst of changes
 * never shows an older folder over a newer one.
 */
final class FolderScans {

    /** The longest the open's full scan waits for the first screen's thumbnails (see {@link #showFirstClass}). */
    static final long FIRST_SCREEN_WAIT_MS = 1000;

    /** One scan, with what the pane needs of it prepared on the scan's thread rather than on the FX thread. */
    record Scan(DatasetSnapshot snapshot, Map<String, Integer> colours, Map<String, List<ImageEntry>> byClass,
                List<String> notes) {
    }

    private final CurateViewModel vm;
    private final DatasetSession session;
    private final JobExecutor jobs;
    private final Executor fx;
    private final LatestRequest scans;

    FolderScans(CurateViewModel vm, DatasetSession session, JobExecutor jobs) {
        this.vm = vm;
        this.session = session;
        this.jobs = jobs;
        this.fx = session.fx();
        this.scans = new LatestRequest(fx);
    }

    /** Opens the session's dataset: watches it, shows its first class, scans it, reads its history. */
    void open() {
        Path root = session.root();
        long generation = scans.next();
        jobs.submit("Open dataset", m -> {
            // Watch before scanning, so that a change made just after the scan is still seen. The history comes
            // last: reading the journal loads the JSON library on first use, and the grid need not wait for it.
            session.startWatching();
            showFirstClass(root, generation);
            scanNow(root, generation);
            DatasetEditor e = session.editor();
            Optional<String> recovered = e.recovered();
            fx.execute(() -> vm.adopt(e, recovered));
            return e;
        }).result().whenComplete((e, failure) -> {
            if (failure != null) {
                fx.execute(() -> vm.say("Could not open " + root + ": " + Failures.describe(failure)));
            }
        });
    }

    /**
     * Fills the grid with the first class's images before the whole folder is scanned: at 100,000 photos the scan
     * takes seconds, one class folder a fraction of that. The classes, counts and everything else wait for the scan,
     * which then selects that same class and leaves the grid as it is. The scan starts once the first screen's
     * thumbnails (the view's prefetch) are loaded, or after {@link #FIRST_SCREEN_WAIT_MS}: on two cores the scan and
     * the thumbnails shared one core while the FX thread laid out the grid on the other (docs/benchmarks.md, Curate
     * with 100,000 images).
     */
    private void showFirstClass(Path root, long generation) {
        List<ImageEntry> first = new DatasetScanner().firstClass(root);
        if (first.isEmpty()) {
            return;
        }
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        fx.execute(() -> {
            if (scans.isLatest(generation)) {
                vm.showFirst(first);
            }
            session.thumbnails().whenPrefetched(() -> loaded.complete(null));
        });
        if (Platform.isFxApplicationThread()) {
            return; // a queue that runs jobs in place (tests): nothing could load while this thread waited
        }
        try {
            loaded.get(FIRST_SCREEN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Slow thumbnails (large photos, a cold disk): the counts and classes must not wait longer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Scans the open folder again; called after each edit and when the watcher sees an outside change. */
    void rescan() {
        Path root = session.root();
        long generation = scans.next();
        jobs.submit("Scan dataset", m -> {
            scanNow(root, generation);
            return null;
        });
    }

    /** Scans on the calling (job) thread and hands the result over, unless a newer scan was asked for meanwhile. */
    private void scanNow(Path root, long generation) {
        Scan scan;
        try {
            DatasetSnapshot s = new DatasetScanner().scan(root);
            scan = new Scan(s, session.colourIndices(s.classes()), byClass(s), notes(s));
        } catch (Exception failure) {
            fx.execute(() -> {
                if (scans.isLatest(generation)) {
                    vm.say("Could not read " + root + ": " + Failures.describe(failure));
                }
            });
            return;
        }
        fx.execute(() -> {
            if (scans.isLatest(generation)) {
                vm.publish(scan);
            }
        });
    }

    /**
     * The snapshot's images grouped by class, every class present (empty ones too), each in the snapshot's order.
     * Done on the scan's thread: at 100,000 photos, counting and filtering them on the FX thread held up the first
     * screen's thumbnails (docs/benchmarks.md, Curate with 100,000 images).
     */
    private static Map<String, List<ImageEntry>> byClass(DatasetSnapshot s) {
        Map<String, List<ImageEntry>> out = new HashMap<>();
        s.classes().forEach(c -> out.put(c, new ArrayList<>()));
        for (ImageEntry i : s.images()) {
            out.computeIfAbsent(i.label(), k -> new ArrayList<>()).add(i);
        }
        out.replaceAll((c, list) -> List.copyOf(list));
        return Map.copyOf(out);
    }

    /** The scan's notes without the loose photos: those are the inbox, shown as such, not left out. */
    private static List<String> notes(DatasetSnapshot s) {
        List<String> out = new ArrayList<>(s.unreadable().stream().map(DatasetSnapshot.Unreadable::toString).toList());
        out.addAll(LeftOut.sentences(s.leftOut().stream().filter(l -> l.why() != LeftOut.Why.LOOSE_IMAGE).toList()));
        return out;
    }
}
