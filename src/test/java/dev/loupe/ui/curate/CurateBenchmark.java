package dev.loupe.ui.curate;

import atlantafx.base.theme.PrimerLight;
import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.dataset.DatasetInUseException;
import dev.loupe.ui.common.StudioContext;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import javafx.scene.layout.StackPane;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Curate pane in a real stage, driven pulse by pulse. Measures how long the first screen of thumbnails takes to
 * appear and records frame times while scrolling (see {@link CurateBenchmarkMain} for the run and the table).
 *
 * <p>"A cell shows its thumbnail" is {@link ThumbnailCell#showsThumbnail()}: the cell's ImageView holds the decoded
 * image of the cell's current item. The check runs in an AnimationTimer at the start of a pulse, so what it sees is
 * what that pulse renders.
 */
final class CurateBenchmark {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Times from opening (or switching class) to the grid's items and to the full first screen, in ms. */
    record FirstScreen(double itemsMs, double shownMs, int cells, String cpu) {
    }

    /** Threads whose CPU time the open phase reports, by name prefix. */
    private static final String[] THREAD_GROUPS = {"JavaFX Application Thread", "QuantumRenderer", "loupe-jobs",
        "loupe-thumbnails", "whole process"};

    /**
     * {@code -DpxPerFrame=N} scrolls N px every pulse whatever the clock says: each frame then has the work of a
     * steady scroll at 60 Hz (25 px is 1,500 px/s), so the CPU per frame compares across machine loads, where under
     * load a clock-driven frame comes late and scrolls further (more new rows to draw). 0 (default): by the clock.
     */
    private static final double PX_PER_FRAME = Double.parseDouble(System.getProperty("pxPerFrame", "0"));

    /** {@code -Dframes=N} stops each class's scroll after N frames (for quick comparisons); 0: at the end. */
    private static final int MAX_FRAMES = Integer.getInteger("frames", 0);

    private final JobExecutor compute = JobExecutor.background();
    private CuratePane pane;
    private final Scene scene;

    /** Call on the FX thread. The window is built with no dataset open yet; {@link #open} makes the pane. */
    CurateBenchmark(double width, double height) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        scene = new Scene(new StackPane(), width, height);
        scene.getStylesheets().add(CurateBenchmark.class.getResource("/loupe/ui/studio.css").toExternalForm());
        Stage stage = new Stage();
        stage.setTitle("Loupe Curate benchmark");
        stage.setScene(scene);
        stage.show();
    }

    CurateViewModel viewModel() {
        return pane.viewModel();
    }

    /** Opens {@code root} now and completes when the first screen shows all its thumbnails. Call on the FX thread. */
    CompletableFuture<FirstScreen> open(Path root) {
        long t0 = System.nanoTime();
        // From the open, not from when the pane is on screen: making the pane is part of what the user waits for.
        long[] cpu0 = cpuByGroup();
        // As the studio opens a dataset: a session, and the pane made for it.
        try {
            pane = new CuratePane(new StudioContext(DatasetSession.open(root, SessionServices.studio(compute))));
        } catch (DatasetInUseException e) {
            return CompletableFuture.failedFuture(e);
        }
        scene.setRoot((Parent) pane.view());
        return firstScreen(t0, cpu0);
    }

    /** Shows another class from the top and completes when its first screen is shown. Call on the FX thread. */
    CompletableFuture<FirstScreen> showClass(String name) {
        long t0 = System.nanoTime();
        long[] cpu0 = cpuByGroup();
        pane.viewModel().selectedClassProperty().set(name);
        flow().scrollTo(0);
        return firstScreen(t0, cpu0);
    }

    private CompletableFuture<FirstScreen> firstScreen(long t0, long[] cpu0) {
        CompletableFuture<FirstScreen> done = new CompletableFuture<>();
        new AnimationTimer() {
            private long itemsAt;

            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (itemsAt == 0 && !pane.viewModel().images().isEmpty()) {
                    itemsAt = t;
                }
                List<ThumbnailCell> cells = visibleCells();
                if (!cells.isEmpty() && cells.stream().allMatch(ThumbnailCell::showsThumbnail)) {
                    stop();
                    long[] cpu = cpuByGroup();
                    StringBuilder used = new StringBuilder();
                    for (int i = 0; i < cpu.length; i++) {
                        used.append(i == 0 ? "" : ", ").append(THREAD_GROUPS[i]).append(' ')
                                .append((cpu[i] - cpu0[i]) / 1_000_000).append(" ms");
                    }
                    done.complete(new FirstScreen((itemsAt - t0) / 1e6, (t - t0) / 1e6, cells.size(),
                            used.toString()));
                } else if (t - t0 > TIMEOUT_NANOS) {
                    stop();
                    done.completeExceptionally(new TimeoutException("first screen not shown; " + cells.size()
                            + " visible cells"));
                }
            }
        }.start();
        return done;
    }

    /**
     * Scrolls the grid from where it is to its end at a steady {@code pxPerSecond}: each pulse moves it to where it
     * should be by the clock, so a late frame jumps further, as a steady hand on a scroll bar would.
     */
    CompletableFuture<FrameStats> scrollToEnd(double pxPerSecond) {
        VirtualFlow<?> flow = flow();
        FrameStats stats = new FrameStats();
        CompletableFuture<FrameStats> done = new CompletableFuture<>();
        new AnimationTimer() {
            private long start;
            private long last;
            private double scrolled;
            private long fxCpu;
            private long renderCpu;
            private int frames;

            @Override
            public void handle(long now) {
                if (start == 0) {
                    start = now;
                    last = now;
                    fxCpu = THREADS.getCurrentThreadCpuTime();
                    renderCpu = renderThreadCpu();
                    return;
                }
                List<ThumbnailCell> cells = visibleCells();
                int blanks = (int) cells.stream().filter(c -> !c.showsThumbnail()).count();
                stats.add(now - last, cells.size(), blanks);
                last = now;
                double wanted = PX_PER_FRAME > 0 ? PX_PER_FRAME : pxPerSecond * (now - start) / 1e9 - scrolled;
                double moved = flow.scrollPixels(wanted);
                scrolled += moved;
                if (moved < wanted - 0.5 || now - start > TIMEOUT_NANOS || ++frames == MAX_FRAMES) {
                    stop();
                    stats.addCpu(THREADS.getCurrentThreadCpuTime() - fxCpu, renderThreadCpu() - renderCpu);
                    done.complete(stats);
                }
            }
        }.start();
        return done;
    }

    /** How long copying files in took, and from the last file written to the pane showing them all, in ms. */
    record Added(String className, int files, double copyMs, double shownMs) {
    }

    /**
     * Copies {@code count} images of the shown class back into it under new names ({@code watch-N-NAME}), as a file
     * manager pasting them would, and completes when the class list's count and the grid both include them: the
     * folder watcher saw them and the rescan was published. Deletes the copies afterwards (only the files it made).
     * Call on the FX thread.
     */
    CompletableFuture<Added> addFiles(int count) {
        CurateViewModel vm = pane.viewModel();
        String name = vm.selectedClassProperty().get();
        int before = vm.images().size();
        List<Path> sources = vm.images().stream().limit(count).map(dev.loupe.engine.dataset.ImageEntry::file).toList();
        List<Path> made = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Added> done = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicLongArray times = new java.util.concurrent.atomic.AtomicLongArray(2);
        Thread copier = new Thread(() -> {
            times.set(0, System.nanoTime());
            try {
                for (int i = 0; i < count; i++) {
                    Path src = sources.get(i % sources.size());
                    Path copy = src.resolveSibling("watch-" + i + "-" + src.getFileName());
                    java.nio.file.Files.copy(src, copy);
                    made.add(copy);
                }
            } catch (java.io.IOException e) {
                done.completeExceptionally(e);
            }
            times.set(1, System.nanoTime());
        }, "benchmark-copier");
        copier.start();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                int shown = vm.classes().stream().filter(c -> c.name().equals(name)).mapToInt(ClassRow::count)
                        .findFirst().orElse(-1);
                long t = System.nanoTime();
                if (times.get(1) != 0 && shown == before + count && vm.images().size() == before + count) {
                    stop();
                    done.complete(new Added(name, count, (times.get(1) - times.get(0)) / 1e6, (t - times.get(1)) / 1e6));
                    new Thread(() -> List.copyOf(made).forEach(p -> p.toFile().delete())).start();
                } else if (times.get(0) != 0 && t - times.get(0) > TIMEOUT_NANOS) {
                    stop();
                    done.completeExceptionally(new TimeoutException("the pane showed " + shown + " images in "
                            + name + ", expected " + (before + count)));
                    new Thread(() -> List.copyOf(made).forEach(p -> p.toFile().delete())).start();
                }
            }
        }.start();
        return done;
    }

    /** CPU time of Prism's render thread, which draws what the FX thread laid out (0 if not found). */
    private static long renderThreadCpu() {
        return cpuByGroup()[1];
    }

    /** CPU nanoseconds used so far by the threads of each of {@link #THREAD_GROUPS} (live threads only). */
    private static long[] cpuByGroup() {
        long[] out = new long[THREAD_GROUPS.length];
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            for (int i = 0; t != null && i < THREAD_GROUPS.length; i++) {
                if (t.getThreadName().startsWith(THREAD_GROUPS[i])) {
                    out[i] += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
                }
            }
        }
        // The JIT compiler and GC threads are not Java threads; the process total includes them.
        out[out.length - 1] = ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
        return out;
    }

    /** Cells of the grid that are on screen (partly counts) and hold an image. */
    List<ThumbnailCell> visibleCells() {
        Node grid = scene.lookup("#thumbnail-grid");
        List<ThumbnailCell> out = new ArrayList<>();
        if (grid == null || grid.getScene() == null) {
            return out;
        }
        Bounds view = grid.localToScene(grid.getLayoutBounds());
        for (Node n : grid.lookupAll(".thumbnail-cell")) {
            if (n instanceof ThumbnailCell cell && cell.getItem() != null && shown(cell, grid)) {
                Bounds b = cell.localToScene(cell.getLayoutBounds());
                if (b.getMinY() < view.getMaxY() && b.getMaxY() > view.getMinY()
                        && b.getMinX() < view.getMaxX() && b.getMaxX() > view.getMinX()) {
                    out.add(cell);
                }
            }
        }
        return out;
    }

    /**
     * Scrolls the grid 1 px down and back, and completes once a few frames have been drawn. Prism's software
     * pipeline keeps each image's texture in a WeakHashMap whose stale entries go only when it is next used, that
     * is when a frame draws: a heap measured right after GC, with no frame since, still holds the textures of images
     * let go (docs/benchmarks.md, "Curate with 100,000 images"). Call on the FX thread.
     */
    CompletableFuture<Void> redraw() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        VirtualFlow<?> flow = flow();
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                flow.scrollPixels(frames % 2 == 0 ? 1 : -1);
                if (++frames == 4) {
                    stop();
                    done.complete(null);
                }
            }
        }.start();
        return done;
    }

    /** Visible up to the grid: the virtual flow hides the cells it keeps in reserve. */
    private static boolean shown(Node node, Node grid) {
        for (Node n = node; n != null && n != grid; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    VirtualFlow<?> flow() {
        return (VirtualFlow<?>) scene.lookup("#thumbnail-grid").lookup(".virtual-flow");
    }

    /** Runs {@code body} on the FX thread and waits for its future. */
    static <T> T onFx(java.util.function.Supplier<CompletableFuture<T>> body) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                body.get().whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(300, TimeUnit.SECONDS);
    }
}
