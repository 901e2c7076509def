package dev.loupe.engine.bench;

import dev.loupe.engine.features.ExtractionPipeline;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.jobs.JobMonitor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Small timing helpers: throughput within a time budget, percentiles, peak memory. */
public final class Timing {

    private Timing() {
    }

    /**
     * Images per second of {@code extractor} alone on a prepared tensor, called from as many threads at once as it
     * takes (one per core at most), as the pipeline calls it.
     */
    public static double inferenceRate(FeatureExtractor extractor, float[] image, int batch, long budgetMillis,
                                       int maxImages) throws InterruptedException {
        int callers = Math.min(extractor.concurrentCallers(), Runtime.getRuntime().availableProcessors());
        return inferenceRate(extractor, image, batch, budgetMillis, maxImages, callers);
    }

    /**
     * Images per second of {@code extractor} alone on a prepared tensor from {@code callers} threads at once, each
     * with one warm-up call first, calling it until {@code budgetMillis} have passed or {@code maxImages} were run,
     * whichever comes first; at least one call per thread.
     */
    public static double inferenceRate(FeatureExtractor extractor, float[] image, int batch, long budgetMillis,
                                       int maxImages, int callers) throws InterruptedException {
        int per = image.length;
        AtomicLong images = new AtomicLong();
        // Counted down by every caller after its warm-up call, failed or not, so no caller waits for a dead one.
        CountDownLatch warmedUp = new CountDownLatch(callers);
        List<Thread> threads = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int c = 0; c < callers; c++) {
            Thread thread = new Thread(() -> {
                try {
                    float[] tensor = new float[batch * per];
                    for (int i = 0; i < batch; i++) {
                        System.arraycopy(image, 0, tensor, i * per, per);
                    }
                    try {
                        extractor.extract(tensor, batch);
                    } finally {
                        warmedUp.countDown();
                    }
                    warmedUp.await();
                    long deadline = System.nanoTime() + budgetMillis * 1_000_000;
                    while (failure.get() == null) {
                        extractor.extract(tensor, batch);
                        if (images.addAndGet(batch) + batch > maxImages || System.nanoTime() >= deadline) {
                            break;
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, new IllegalStateException(e));
                }
            }, "loupe-bench-caller");
            thread.start();
            threads.add(thread);
        }
        warmedUp.await();
        long start = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return images.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Images per second from JPEG files to features through the real pipeline, one pass, cold or warm. */
    public static double endToEndRate(FeatureExtractor extractor, List<Path> files) throws Exception {
        long start = System.nanoTime();
        pass(extractor, files);
        return files.size() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The steady rate of the pipeline, as a long extraction runs: passes over {@code files} for {@code minMillis} to
     * warm up (the JIT takes a thousand photos or so to compile the decoding path), then passes until
     * {@code minMillis} have gone again, timed.
     *
     * @return images/s and the number of images timed
     */
    public static double[] steadyEndToEndRate(FeatureExtractor extractor, List<Path> files, long minMillis)
            throws Exception {
        long warmUp = System.nanoTime();
        do {
            pass(extractor, files);
        } while (System.nanoTime() - warmUp < minMillis * 1_000_000);
        long start = System.nanoTime();
        long images = 0;
        do {
            pass(extractor, files);
            images += files.size();
        } while (System.nanoTime() - start < minMillis * 1_000_000);
        return new double[] {images / ((System.nanoTime() - start) / 1e9), images};
    }

    private static void pass(FeatureExtractor extractor, List<Path> files) throws Exception {
        ExtractionPipeline.run(files, extractor, JobMonitor.silent(), new ExtractionPipeline.Sink() {
            @Override
            public void features(int index, float[] vector) {
                // only the time counts
            }

            @Override
            public void failed(int index, String reason) {
                throw new IllegalStateException(files.get(index) + ": " + reason);
            }
        });
    }

    /**
     * CPU seconds the whole process has used (every thread, the JIT and the collector too), NaN where the JVM does
     * not say: under load, wall time alone says little about the work done.
     */
    public static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The p-th percentile (0..100) of {@code millis}, nearest rank. */
    public static double percentile(double[] millis, double p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Peak resident set size in MB (VmHWM, Linux only), or -1 where the OS does not say. */
    public static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** The sum of the heap pools' peak usage in MB (an upper bound on the peak heap in use). */
    public static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024.0 * 1024.0);
    }

    /** CPU time of the whole process, every thread (JIT and GC too), in nanoseconds. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Heap in use after a full collection, in bytes: what live objects hold. */
    public static long usedHeapAfterGc() {
        System.gc();
        System.gc(); // a second pass frees what the first one's finalisation and reference clearing let go
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * The heap the object in {@code holder} alone keeps alive, in MB: used heap after a GC with it, less used heap
     * after a GC once the holder is emptied (the caller keeps no other reference). Measured as what dropping it frees,
     * not as what building it took, because a build under memory pressure clears other code's soft references, which
     * made a before-and-after difference negative (-38 MB in CI).
     */
    static double heapHeldMb(AtomicReference<?> holder) {
        long with = usedHeapAfterGc();
        holder.set(null);
        return (with - usedHeapAfterGc()) / 1e6;
    }
}
