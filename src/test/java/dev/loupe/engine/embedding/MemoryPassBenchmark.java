package dev.loupe.engine.embedding;

import dev.loupe.engine.bench.FeatureLikeVectors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A benchmark, not a test: the exact query of {@link CosineIndex} against the floor under any scan of the same data,
 * at each size (default 10,000 and 100,000 feature-like 1,280-d vectors, 100 clusters). The floor is one read pass
 * with nothing but an integer sum (which the JIT vectorises; a float sum it would not) over the float vectors and over
 * a quarter of their bytes (what the index's one-byte codes take), on one thread and split over the cores as the
 * query is. Then the query itself (fresh points of the same clusters, k = 10), with the full codes only and with the
 * projected bound first ({@link CosineIndex#forManyQueries}): build time, wall p50 / p95 / min, the process's CPU
 * time per query, and how many rows the bounds could not rule out, so had their floats read; and for comparison a
 * float scan of every row on one thread. The load average is printed beside each figure.
 * <pre>
 * java -Xmx3g -cp "target/classes:target/test-classes:$(cat cp.txt)" dev.loupe.engine.embedding.MemoryPassBenchmark \
 *     [10000,100000]
 * ... MemoryPassBenchmark FILE DIM    (real features: raw little-endian float32 rows, the last 200 the queries)
 * </pre>
 */
public final class MemoryPassBenchmark {

    private static final int DIM = 1280;
    private static final int QUERIES = 200;
    private static final int K = 10;
    private static volatile long sink;

    private MemoryPassBenchmark() {
    }

    public static void main(String[] args) throws java.io.IOException {
        System.out.printf(Locale.ROOT, "%d cores; load %s%n", Runtime.getRuntime().availableProcessors(), load());
        if (args.length > 1) { // real features: the file's rows, its last 200 the queries
            float[][] all = read(java.nio.file.Path.of(args[0]), Integer.parseInt(args[1]));
            run(Arrays.copyOf(all, all.length - QUERIES), Arrays.copyOfRange(all, all.length - QUERIES, all.length),
                    args[0]);
            return;
        }
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        for (int n : sizes) {
            float[][] all = FeatureLikeVectors.clustered(n + QUERIES, DIM, 100, 42);
            run(Arrays.copyOf(all, n), Arrays.copyOfRange(all, n, n + QUERIES), "feature-like vectors");
        }
    }

    /** Raw little-endian float32 rows of {@code dim} values, e.g. features dumped from a catalogue. */
    private static float[][] read(java.nio.file.Path file, int dim) throws java.io.IOException {
        java.nio.FloatBuffer f = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[][] x = new float[f.remaining() / dim][dim];
        for (float[] row : x) {
            f.get(row);
        }
        return x;
    }

    private static void run(float[][] x, float[][] queries, String what) {
        int n = x.length;
        int dim = x[0].length;
        long bytes = 4L * n * dim;
        System.out.printf(Locale.ROOT, "%n%,d x %d %s (%.1f MB of floats)%n", n, dim, what, bytes / 1e6);
        int[] bits = new int[n * dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                bits[i * dim + j] = Float.floatToRawIntBits(x[i][j]);
            }
        }
        readPass("read pass over the floats", bits, bits.length);
        readPass("read pass over a quarter (the codes' bytes)", bits, bits.length / 4);
        bits = null;

        query("full codes only (new CosineIndex)", () -> new CosineIndex(x), queries, dim); // then dropped: -Xmx3g
        CosineIndex index = query("projected bound first (CosineIndex.forManyQueries)",
                () -> CosineIndex.forManyQueries(x), queries, dim);
        floatScan(index, queries);
    }

    /** Builds an index and times its exact queries, reporting the rows each had to re-read in floats. */
    private static CosineIndex query(String name, java.util.function.Supplier<CosineIndex> build, float[][] queries,
                                     int dim) {
        long cpu0 = NeighbourIndexBenchmark.processCpu();
        long t0 = System.nanoTime();
        CosineIndex index = build.get();
        System.out.printf(Locale.ROOT, "%s: built in %.2f s (%.2f s of CPU); %d bytes a vector (floats %d, codes "
                + "and bounds %d); load %s%n", name, (System.nanoTime() - t0) / 1e9,
                (NeighbourIndexBenchmark.processCpu() - cpu0) / 1e9, index.bytesPerVector(), 4 * dim,
                index.bytesPerVector() - 4 * dim, load());
        rereads(index, queries);
        for (int w = 0; w < 30; w++) {
            sink += index.nearest(queries[w % QUERIES], K).size();
        }
        long cpu = NeighbourIndexBenchmark.processCpu();
        double[] ms = new double[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long t = System.nanoTime();
            sink += index.nearest(queries[q], K).size();
            ms[q] = (System.nanoTime() - t) / 1e6;
        }
        double cpuMs = (NeighbourIndexBenchmark.processCpu() - cpu) / 1e6 / QUERIES;
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "exact query, k=%d, %d queries: p50 %.2f ms, p95 %.2f ms, min %.2f ms, "
                + "%.2f ms of CPU a query; load %s%n", K, QUERIES, ms[QUERIES / 2], ms[QUERIES * 95 / 100], ms[0],
                cpuMs, load());
        return index;
    }

    /** How many rows a query has to read in floats: those its bounds cannot rule out. */
    private static void rereads(CosineIndex index, float[][] queries) {
        int[] counts = new int[queries.length];
        for (int q = 0; q < queries.length; q++) {
            counts[q] = index.candidates(CosineIndex.normalised(queries[q]), K, -1).length;
        }
        Arrays.sort(counts);
        System.out.printf(Locale.ROOT, "rows re-read in floats: median %d, p95 %d, max %d of %,d%n",
                counts[counts.length / 2], counts[counts.length * 95 / 100], counts[counts.length - 1], index.size());
    }

    /** For comparison: the index's float cosine of every row, on one thread. */
    private static void floatScan(CosineIndex index, float[][] queries) {
        long cpu = NeighbourIndexBenchmark.processCpu();
        double[] ms = new double[20];
        for (int r = 0; r < ms.length; r++) {
            float[] q = CosineIndex.normalised(queries[r]);
            long t = System.nanoTime();
            float[] sims = new float[index.size()];
            for (int i = 0; i < sims.length; i++) {
                sims[i] = index.similarity(q, i);
            }
            sink += TopSimilar.of(sims, 0, sims.length, K, -1).size();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        double cpuMs = (NeighbourIndexBenchmark.processCpu() - cpu) / 1e6 / ms.length;
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "float scan of every row, one thread: p50 %.2f ms, min %.2f ms, %.2f ms of "
                + "CPU a query; load %s%n", ms[ms.length / 2], ms[0], cpuMs, load());
    }

    private static void readPass(String what, int[] bits, int length) {
        int cores = Runtime.getRuntime().availableProcessors();
        report(what + ", 1 thread", length, () -> sink += sum(bits, 0, length));
        report(what + ", " + cores + " threads", length, () -> sink += IntStream.range(0, cores).parallel()
                .mapToLong(p -> sum(bits, (int) ((long) length * p / cores), (int) ((long) length * (p + 1) / cores)))
                .sum());
    }

    private static void report(String what, int length, Runnable pass) {
        int repeats = 60;
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
        double mb = 4.0 * length / 1e6;
        System.out.printf(Locale.ROOT, "%s, %.1f MB: p50 %.2f ms, min %.2f ms (%.1f GB/s at the min), %.2f ms of CPU "
                + "a pass; load %s%n", what, mb, s[s.length / 2], s[0], mb / s[0], cpuMs, load());
    }

    private static long sum(int[] x, int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s;
    }

    private static String load() {
        return NeighbourIndexBenchmark.load();
    }
}
