package dev.loupe.engine.embedding;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A benchmark, not a test: the floor under an exact scan of 10,000 x 1,280 floats (51 MB), one read pass over them
 * of 32-bit values with nothing but an integer sum (which the JIT vectorises; a float sum it would not, and
 * {@code Float.floatToRawIntBits} in the loop stops it too), on one thread and split over the cores as
 * {@link CosineIndex} splits its query; then that query on the same data, for comparison in the same run.
 * <pre>
 * java -cp "target/classes:target/test-classes:$(cat cp.txt)" dev.loupe.engine.embedding.MemoryPassBenchmark
 * </pre>
 */
public final class MemoryPassBenchmark {

    private static final int N = 10_000;
    private static final int DIM = 1280;
    private static volatile long sink;

    private MemoryPassBenchmark() {
    }

    public static void main(String[] args) {
        float[] x = new float[N * DIM];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) * 0.1f;
        }
        int[] bits = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            bits[i] = Float.floatToRawIntBits(x[i]);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "load before: %s%n", NeighbourIndexBenchmark.load());
        report("read pass, 1 thread", 60, () -> sink += sum(bits, 0, bits.length));
        report("read pass, " + cores + " threads", 60, () -> sink += IntStream.range(0, cores).parallel()
                .mapToLong(p -> sum(bits, (int) ((long) bits.length * p / cores),
                        (int) ((long) bits.length * (p + 1) / cores)))
                .sum());
        float[][] rows = new float[N][];
        for (int i = 0; i < N; i++) {
            rows[i] = Arrays.copyOfRange(x, i * DIM, (i + 1) * DIM);
        }
        CosineIndex exact = new CosineIndex(rows);
        rows = null;
        float[] query = Arrays.copyOfRange(x, 3 * DIM, 4 * DIM);
        report("exact cosine query, k=10", 60, () -> sink += exact.nearest(query, 10).size());
        System.out.printf(Locale.ROOT, "load after: %s%n", NeighbourIndexBenchmark.load());
    }

    private static void report(String what, int repeats, Runnable pass) {
        long cpu = NeighbourIndexBenchmark.processCpu();
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t = System.nanoTime();
            pass.run();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        double cpuMs = (NeighbourIndexBenchmark.processCpu() - cpu) / 1e6 / repeats;
        double[] s = Arrays.copyOfRange(ms, 10, repeats); // after warm-up
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "%s over %.1f MB: p50 %.2f ms, min %.2f ms (%.1f GB/s at the min), "
                + "%.2f ms of CPU a pass%n", what, N * DIM * 4 / 1e6, s[s.length / 2], s[0], N * DIM * 4 / 1e6 / s[0],
                cpuMs);
    }

    private static long sum(int[] x, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }
}
