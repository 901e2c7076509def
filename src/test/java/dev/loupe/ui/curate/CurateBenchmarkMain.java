package dev.loupe.ui.curate;

import javafx.application.Platform;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import javax.management.JMException;
import javax.management.ObjectName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A benchmark, not a test (it needs a display and a large dataset): opens the Curate pane on a dataset in a real
 * JavaFX stage, times the first screen of thumbnails, scrolls every class top to bottom at a steady speed recording
 * frame times, then reports the heap. Prints markdown tables. Make the dataset with
 * {@code java src/scripts/FashionMnistPng.java /tmp/fm10k 10000}, then (on a display, e.g. Xvfb)
 * {@code java -Xmx4g -cp target/classes:target/test-classes:target/lib/* dev.loupe.ui.curate.CurateBenchmarkMain
 * /tmp/fm10k [PX_PER_SECOND]} (default 1500; 0 opens without scrolling); {@code -Dwatch=1000} then copies 1,000
 * images into the class shown and times the pane showing them (the copies are deleted afterwards). The thumbnail cache lives in the dataset's {@code .loupe/}: a fresh copy of the
 * folder gives the cold-cache figures, a second run on it the warm ones.
 */
public final class CurateBenchmarkMain {

    private static final double WIDTH = 1600;
    private static final double HEIGHT = 1000;

    private CurateBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CurateBenchmarkMain DATASET [PX_PER_SECOND]");
            System.exit(2);
        }
        Path root = Path.of(args[0]).toAbsolutePath();
        double speed = args.length > 1 ? Double.parseDouble(args[1]) : 1500;
        boolean warm = Files.isDirectory(root.resolve(".loupe/thumbnails"));
        System.out.printf(Locale.ROOT, "Curate benchmark: %s, thumbnail cache %s, %s, max heap %,d MB, %d cores, "
                        + "window %.0fx%.0f, scroll %.0f px/s%n", root, warm ? "warm (on disk)" : "cold (none)",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), WIDTH, HEIGHT,
                speed);

        Platform.startup(() -> { });
        CurateBenchmark bench = CurateBenchmark.onFx(() ->
                CompletableFuture.completedFuture(new CurateBenchmark(WIDTH, HEIGHT)));
        Thread.sleep(1000);
        CurateBenchmark.FirstScreen open = CurateBenchmark.onFx(() -> bench.open(root));
        // The first screen shows the first class before the whole folder is scanned: wait for the class list.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (CurateBenchmark.onFx(() -> CompletableFuture.completedFuture(
                bench.viewModel().snapshotProperty().get() == null)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> classes = CurateBenchmark.onFx(() -> CompletableFuture.completedFuture(
                bench.viewModel().classes().stream().map(ClassRow::name).toList()));
        int images = CurateBenchmark.onFx(() -> CompletableFuture.completedFuture(
                bench.viewModel().classes().stream().mapToInt(ClassRow::count).sum()));

        FrameStats all = new FrameStats();
        List<String> rows = new ArrayList<>();
        List<Double> switches = new ArrayList<>();
        // A speed of 0 measures the opening only.
        // -Dclasses=N scrolls only the first N classes (for quick comparisons).
        int scrolled = Math.min(classes.size(), Integer.getInteger("classes", classes.size()));
        for (int i = 0; i < scrolled && speed > 0; i++) {
            String name = classes.get(i);
            if (i > 0) {
                switches.add(CurateBenchmark.onFx(() -> bench.showClass(name)).shownMs());
            }
            FrameStats one = CurateBenchmark.onFx(() -> bench.scrollToEnd(speed));
            rows.add(one.row(name));
            all.addAll(one);
        }

        // -Dwatch=N copies N images into the class shown, as a file manager would, and times the pane catching up.
        int watch = Integer.getInteger("watch", 0);
        CurateBenchmark.Added added = watch <= 0 ? null : CurateBenchmark.onFx(() -> bench.addFiles(watch));

        System.out.printf(Locale.ROOT, "%n%,d images in %d classes.%n", images, classes.size());
        if (added != null) {
            System.out.printf(Locale.ROOT, "Folder watcher: %,d files copied into %s in %.0f ms; the class list and "
                    + "the grid showed them %.0f ms after the last one was written%n", added.files(),
                    added.className(), added.copyMs(), added.shownMs());
        }
        System.out.printf(Locale.ROOT, "Open to grid filled (first class listed): %.0f ms; open to first screen "
                + "showing all its thumbnails (%d cells): %.0f ms%nCPU used from the open to it: %s%n", open.itemsMs(), open.cells(),
                open.shownMs(), open.cpu());
        System.out.printf(Locale.ROOT, "Class switch to first screen shown: median %.0f ms, max %.0f ms (%d switches)%n",
                median(switches), switches.stream().mapToDouble(d -> d).max().orElse(Double.NaN), switches.size());
        System.out.println();
        System.out.println(FrameStats.header());
        rows.forEach(System.out::println);
        System.out.println(all.row("**all classes**"));
        printHeap(bench);
        Platform.exit();
        System.exit(0);
    }

    private static void printHeap(CurateBenchmark bench) throws Exception {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        Thread.sleep(200);
        System.gc();
        long idle = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        // A few frames drawn, then GC again: what the heap holds once the renderer has dropped stale textures.
        CurateBenchmark.onFx(bench::redraw);
        System.gc();
        Thread.sleep(200);
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf(Locale.ROOT, "%nHeap: peak %,d MB (sum of the heap pools' peaks), after GC at the end "
                + "%,d MB used (%,d MB before a frame was drawn), %,d MB committed, max %,d MB%n", peak >> 20,
                heap.getUsed() >> 20, idle >> 20, heap.getCommitted() >> 20, heap.getMax() >> 20);
        // -Dhisto=N: what the heap holds after GC, its N largest classes (the JVM's class histogram).
        int histo = Integer.getInteger("histo", 0);
        if (histo > 0) {
            try {
                String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                        new Object[] {new String[0]}, new String[] {String[].class.getName()});
                text.lines().limit(histo + 3L).forEach(System.out::println);
            } catch (JMException e) {
                System.out.println("No class histogram: " + e);
            }
        }
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
