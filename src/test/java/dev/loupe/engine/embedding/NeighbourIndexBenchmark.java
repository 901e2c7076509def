package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A benchmark, not a test: recall@10 of the HNSW index against the exact scan, build times and query latencies.
 * Queries are dataset vectors with their own row excluded (what the audit and the neighbour strip ask).
 * <pre>
 * java -Xmx8g -cp "target/classes:target/test-classes:target/lib/*" dev.loupe.engine.embedding.NeighbourIndexBenchmark \
 *     clustered 200000 [M efConstruction ef,ef,... graphDimensions]
 * ... NeighbourIndexBenchmark fashion        (Fashion-MNIST pixels, train + test = 70,000 x 784;
 *                                             apt-get install dataset-fashion-mnist)
 * </pre>
 */
public final class NeighbourIndexBenchmark {

    private static final int K = 10;
    private static final int QUERIES = 300;

    private NeighbourIndexBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String data = args.length > 0 ? args[0] : "clustered";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        HnswCosineIndex.Params d = HnswCosineIndex.Params.DEFAULT;
        int m = args.length > 2 ? Integer.parseInt(args[2]) : d.m();
        int efConstruction = args.length > 3 ? Integer.parseInt(args[3]) : d.efConstruction();
        int[] efs = args.length > 4 ? Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[]{d.ef()};
        int dims = args.length > 5 ? Integer.parseInt(args[5]) : d.dimensions();

        long t0 = System.nanoTime();
        float[][] x = data.equals("fashion") ? fashion() : dev.loupe.engine.bench.FeatureLikeVectors.clustered(n, 1280, 100, 42);
        System.out.printf(Locale.ROOT, "%s: %d vectors x %d dimensions (made/read in %.1f s), %d cores%n", data,
                x.length, x[0].length, secs(t0), Runtime.getRuntime().availableProcessors());

        long t1 = System.nanoTime();
        CosineIndex exact = new CosineIndex(x);
        System.out.printf(Locale.ROOT, "exact CosineIndex: build %.1f s%n", secs(t1));
        int[] queries = new Random(7).ints(QUERIES, 0, x.length).toArray();
        int[][] truth = new int[QUERIES][];
        long[] exactNanos = new long[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            long s = System.nanoTime();
            truth[q] = ids(exact.nearest(x[queries[q]], K, queries[q]));
            exactNanos[q] = System.nanoTime() - s;
        }
        System.out.printf(Locale.ROOT, "exact CosineIndex: query p50 %.2f ms, p90 %.2f ms (%d queries, k=%d)%n",
                pct(exactNanos, 50), pct(exactNanos, 90), QUERIES, K);
        exact = null; // let the exact copy go before the graph needs its memory

        System.out.printf(Locale.ROOT, "load before build: %s%n", load());
        long t2 = System.nanoTime();
        long cpu2 = processCpu();
        HnswCosineIndex hnsw = HnswCosineIndex.build(x, new HnswCosineIndex.Params(m, efConstruction, efs[0], dims),
                JobMonitor.silent());
        System.out.printf(Locale.ROOT, "HNSW M=%d efConstruction=%d dims=%d: build %.1f s wall, %.1f s of "
                + "process CPU; load after: %s%n", m, efConstruction, dims, secs(t2), (processCpu() - cpu2) / 1e9, load());
        for (int ef : efs) {
            HnswCosineIndex index = hnsw.withSearchEf(ef);
            long[] nanos = new long[QUERIES];
            double hits = 0;
            for (int q = 0; q < QUERIES; q++) {
                long s = System.nanoTime();
                int[] found = ids(index.nearest(x[queries[q]], K, queries[q]));
                nanos[q] = System.nanoTime() - s;
                hits += overlap(found, truth[q]);
            }
            System.out.printf(Locale.ROOT, "HNSW ef=%d: recall@%d %.4f, query p50 %.2f ms, p90 %.2f ms%n", ef, K,
                    hits / (QUERIES * (double) K), pct(nanos, 50), pct(nanos, 90));
        }
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static float[][] fashion() throws IOException {
        float[][] train = FashionMnistBenchmark.images(FashionMnistBenchmark.DIR.resolve("train-images-idx3-ubyte.gz"),
                Integer.MAX_VALUE);
        float[][] test = FashionMnistBenchmark.images(FashionMnistBenchmark.DIR.resolve("t10k-images-idx3-ubyte.gz"),
                Integer.MAX_VALUE);
        float[][] all = Arrays.copyOf(train, train.length + test.length);
        System.arraycopy(test, 0, all, train.length, test.length);
        return all;
    }

    static int[] ids(List<Neighbour> found) {
        return found.stream().mapToInt(Neighbour::index).toArray();
    }

    static int overlap(int[] found, int[] truth) {
        Set<Integer> t = new HashSet<>();
        for (int i : truth) {
            t.add(i);
        }
        int hits = 0;
        for (int i : found) {
            hits += t.contains(i) ? 1 : 0;
        }
        return hits;
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, s.length * p / 100)] / 1e6;
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
