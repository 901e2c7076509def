package dev.loupe.faults;

import dev.loupe.engine.audit.DatasetAuditor;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.dataset.LeftOut;
import dev.loupe.engine.dataset.edit.AddResult;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.dataset.thumbs.ThumbnailStore;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.image.ImageDecoder;
import dev.loupe.engine.image.ImageProbe;
import dev.loupe.engine.inference.ImageInputs;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Named pipes, devices and sockets where images belong. Opening a FIFO blocks until something writes to it, and a
 * link to {@code /dev/zero} never ends, so one {@code mkfifo daisy/y.jpg} once froze every job. Every way a file is
 * opened (scan, hash, decode, header probe, thumbnail, features, training, audit, import, classify's folder listing)
 * must name such a file and go on, within seconds. Each call runs on a daemon thread with a deadline, so a regression
 * fails the case instead of hanging the suite.
 */
class SpecialFilesTest {

    private static final ExecutorService BOUNDED = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "special-files-case");
        t.setDaemon(true);
        return t;
    });

    @TempDir Path dir;

    @Test
    void pipesDevicesAndSocketsAreNamedAndNeverOpened() throws Exception {
        Results.check("folders", "named pipe, link to /dev/zero and /dev/urandom, socket in a class folder and "
                        + "in a folder to import",
                "scan names each (pipe, socket; links not followed); hashing, decoding, header probe, thumbnail, "
                        + "features, training, audit and import refuse each within seconds, naming it; the rest used",
                () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 4, Color.RED, Color.BLUE);
            Path fifo = mkfifo(ds.resolve("red/y.jpg"));
            Path zero = Files.createSymbolicLink(ds.resolve("red/zero.jpg"), Path.of("/dev/zero"));
            Files.createSymbolicLink(ds.resolve("blue/noise.png"), Path.of("/dev/urandom"));
            try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                socket.bind(UnixDomainSocketAddress.of(ds.resolve("blue/s.png")));
                try {
                    everyOpener(ds, fifo, zero);
                } finally {
                    release(fifo);
                }
            }
        });
    }

    private void everyOpener(Path ds, Path fifo, Path zero) throws Exception {
        DatasetSnapshot snap = bounded(() -> new DatasetScanner().scan(ds));
        assertThat(snap.images()).hasSize(8);
        assertThat(snap.leftOut()).contains(new LeftOut("red/y.jpg", LeftOut.Why.SPECIAL_FILE, "a named pipe (FIFO)"),
                new LeftOut("blue/s.png", LeftOut.Why.SPECIAL_FILE, "a socket"),
                new LeftOut("red/zero.jpg", LeftOut.Why.LINK, null));
        Results.note(String.join("; ", snap.notes()));

        // A file swapped for a pipe or device after the scan, or one handed over by name, is refused when opened.
        for (Path special : List.of(fifo, zero)) {
            assertThatThrownBy(() -> bounded(() -> Hashes.sha256(special))).hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> bounded(() -> ImageDecoder.decode(special, 0)))
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> bounded(() -> ImageProbe.readSize(special)))
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> bounded(() -> ThumbnailStore.forDataset(ds).thumbnail(special)))
                    .hasMessageContaining("not a regular file");
        }
        assertThatThrownBy(() -> bounded(() -> ImageDecoder.decode(zero, 0))).hasMessageContaining("a character device");

        List<ImageEntry> withSpecials = new ArrayList<>(snap.images());
        withSpecials.add(new ImageEntry(fifo, "red/y.jpg", "red"));
        withSpecials.add(new ImageEntry(zero, "red/zero.jpg", "red"));
        DatasetSnapshot raced = new DatasetSnapshot(snap.root(), snap.classes(), withSpecials, List.of(), List.of());
        FeatureSet set = bounded(() -> {
            try (Catalogue c = Catalogue.open(ds)) {
                return new FeatureService(new FakeExtractor().factory()).features(raced, c, FakeExtractor.DESCRIPTOR,
                        JobMonitor.silent());
            }
        });
        assertThat(set.samples()).hasSize(8);
        assertThat(set.problems()).extracting(Object::toString).containsExactly(
                "red/y.jpg: a named pipe (FIFO), not a regular file: Loupe reads only regular files",
                "red/zero.jpg: a character device, not a regular file: Loupe reads only regular files");
        assertThat(bounded(() -> new DatasetAuditor().audit(raced, JobMonitor.silent())).findings())
                .anySatisfy(f -> assertThat(f.message()).contains("red/y.jpg: a named pipe (FIFO)"));
        assertThat(bounded(() -> SlowWork.workflow().run(ds, SlowWork.config(2), dir.resolve("m.loupe"),
                JobMonitor.silent())).manifest().labels()).containsExactly("blue", "red");

        // Imports, by folder (the studio's drop and Import) and by name.
        Path photos = Files.createDirectories(dir.resolve("photos"));
        TestImages.png(photos.resolve("real.png"), Color.GREEN, 32, 5);
        Path pipe = mkfifo(photos.resolve("pipe.jpg"));
        Files.createSymbolicLink(photos.resolve("zero.jpg"), Path.of("/dev/zero"));
        Files.createDirectories(ds.resolve("green"));
        try {
            AddResult added = bounded(() -> DatasetEditor.open(ds).add("green", List.of(photos, fifo, zero), false));
            assertThat(added.added()).containsExactly("green/real.png");
            assertThat(added.skipped()).extracting(s -> s.file().getFileName() + ": " + s.reason()).containsExactly(
                    "pipe.jpg: a named pipe (FIFO), not a regular file",
                    "zero.jpg: a link: Loupe does not follow links found inside a folder (give it the file itself)",
                    "y.jpg: a named pipe (FIFO), not a regular file",
                    "zero.jpg: a character device, not a regular file");
            assertThat(bounded(() -> ImageInputs.expand(List.of(photos)))).containsExactly(photos.resolve("real.png"));
        } finally {
            release(pipe);
        }
    }

    private static <T> T bounded(Callable<T> call) throws Exception {
        Future<T> f = BOUNDED.submit(call);
        try {
            return f.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("still blocked after 20 s: a special file was opened", e);
        }
    }

    private static Path mkfifo(Path at) throws Exception {
        Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mkfifo (coreutils)").isZero();
        return at;
    }

    /** Opens the pipe's other end, so a reader stuck in it (after a regression) can finish; never blocks here. */
    private static void release(Path fifo) {
        BOUNDED.submit(() -> {
            try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                out.write(0);
            } catch (IOException e) {
                // Nobody was reading: nothing to release.
            }
            return null;
        });
    }
}
