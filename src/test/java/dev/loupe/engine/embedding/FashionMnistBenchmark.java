package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A benchmark, not a test (CI does not install the data): N Fashion-MNIST images (the test set's first N up to
 * 10,000, else the 60,000 training images then the test images), PCA-50, then Barnes-Hut t-SNE; prints the wall and
 * CPU seconds (the whole process) of PCA, of the nearest neighbours with the affinities, and of the iterations, each
 * with the load average, then trustworthiness(10) against PCA-50: exact up to 10,000 points, beyond that over 5,000
 * sampled points ({@link #sampledTrustworthiness}). Data: {@code apt-get install dataset-fashion-mnist}. Run:
 * {@code java -cp target/classes:target/test-classes:target/lib/* dev.loupe.engine.embedding.FashionMnistBenchmark
 * [N [THETA ITERATIONS EXAGGERATED [EARLY_THETA]]]} (the defaults: 10,000 and {@link TsneConfig#defaults()};
 * EARLY_THETA, theta during early exaggeration, defaults to THETA).
 */
public final class FashionMnistBenchmark {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    private static final int SAMPLE = 5_000;

    private FashionMnistBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long t00 = System.nanoTime();
        float[][] images = n <= 10_000 ? images(DIR.resolve("t10k-images-idx3-ubyte.gz"), n) : concat(
                images(DIR.resolve("train-images-idx3-ubyte.gz"), n), images(DIR.resolve("t10k-images-idx3-ubyte.gz"),
                        n - 60_000));
        int[] labels = n <= 10_000 ? labels(DIR.resolve("t10k-labels-idx1-ubyte.gz"), n) : null;
        n = images.length;
        JobMonitor quiet = JobMonitor.silent();
        TsneConfig d = TsneConfig.defaults();
        TsneConfig config = args.length < 4 ? d : new TsneConfig(d.perplexity(), Integer.parseInt(args[2]),
                d.exaggeration(), Integer.parseInt(args[3]), Double.parseDouble(args[1]), args.length > 4
                ? Double.parseDouble(args[4]) : Double.parseDouble(args[1]), d.learningRate(), d.seed(),
                d.partialEvery());
        System.out.printf(Locale.ROOT, "Fashion-MNIST, %d images (784 px -> PCA-50 -> Barnes-Hut t-SNE, "
                + "perplexity 30, %d iterations of which %d exaggerated, theta %.2f, %.2f while exaggerated)%n", n,
                config.iterations(), config.exaggerationIterations(), config.theta(), config.earlyTheta());
        System.out.printf(Locale.ROOT, "loading:         %.1f s, %.1f s of CPU, load %.1f%n", (System.nanoTime() - t00)
                / 1e9, cpu(), load());

        long t0 = System.nanoTime();
        double c0 = cpu();
        float[][] pca = Pca.project(images, 50, TsneConfig.DEFAULT_SEED);
        images = null;
        line("PCA-50", t0, c0);
        Stages stages = new Stages();
        TsneLayout layout = Tsne.barnesHut(config).run(pca, stages);
        stages.stage("end");
        float[][] points = EmbeddingQuality.points(layout);
        System.out.printf(Locale.ROOT, "end to end (load, PCA, t-SNE): %.1f s, %.1f s of CPU%n",
                (System.nanoTime() - t00) / 1e9, cpu());
        if (n <= 10_000) {
            double trust = EmbeddingQuality.trustworthiness(pca, points, 10, quiet);
            System.out.printf(Locale.ROOT, "trustworthiness(10) vs PCA-50: %.4f (all %d points; %.4f over %d sampled)%n",
                    trust, n, sampledTrustworthiness(pca, points, 10, Math.min(n, SAMPLE)), Math.min(n, SAMPLE));
            double knnHigh = EmbeddingQuality.knnAccuracy(pca, labels, 10, quiet);
            double knnLow = EmbeddingQuality.knnAccuracy(points, labels, 10, quiet);
            System.out.printf(Locale.ROOT, "10-NN accuracy:  PCA-50 %.4f, 2-D %.4f, ratio %.4f%n", knnHigh, knnLow,
                    knnLow / knnHigh);
        } else {
            System.out.printf(Locale.ROOT, "trustworthiness(10) vs PCA-50: %.4f (over %d sampled points)%n",
                    sampledTrustworthiness(pca, points, 10, SAMPLE), SAMPLE);
        }
    }

    private static void line(String what, long t0, double c0) {
        System.out.printf(Locale.ROOT, "%-28s %6.1f s, %6.1f s of CPU, load %.1f%n", what + ":",
                (System.nanoTime() - t0) / 1e9, cpu() - c0, load());
    }

    /** Prints each stage of the t-SNE job (neighbours and affinities, then the iterations) as the next one starts. */
    private static final class Stages implements JobMonitor {
        private String name;
        private long t0;
        private double c0;

        @Override
        public synchronized void stage(String next) {
            if (name != null) {
                line(name.equals("Optimising the layout") ? "iterations" : name.equals("Finding nearest neighbours")
                        ? "kNN(90) + affinities + init" : name, t0, c0);
            }
            name = next;
            t0 = System.nanoTime();
            c0 = cpu();
        }

        @Override public void progress(long done, long total) { }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public void partial(Partial record) { }
        @Override public boolean isCancelled() { return false; }
    }

    /**
     * Trustworthiness(k) with the penalty averaged over {@code sample} points drawn with a fixed seed rather than all
     * n (each needs its distances to all n points in both spaces): the same formula, its sum scaled by n / sample.
     */
    static double sampledTrustworthiness(float[][] high, float[][] low, int k, int sample) {
        int n = high.length;
        int[] picks = new java.util.Random(21).ints(0, n).distinct().limit(sample).toArray();
        double penalty = java.util.stream.IntStream.range(0, sample).parallel().mapToDouble(s -> {
            int i = picks[s];
            double[] dh = new double[n];
            double[] dl = new double[n];
            for (int m = 0; m < n; m++) {
                dh[m] = m == i ? Double.POSITIVE_INFINITY : ExactGradient.squaredDistance(high[i], high[m]);
                dl[m] = m == i ? Double.POSITIVE_INFINITY : ExactGradient.squaredDistance(low[i], low[m]);
            }
            int[] nearHigh = nearest(dh, k);
            double p = 0;
            for (int j : nearest(dl, k)) {
                if (Arrays.stream(nearHigh).anyMatch(h -> h == j)) {
                    continue;
                }
                int rank = 0;
                for (int m = 0; m < n; m++) {
                    if (m != i && (dh[m] < dh[j] || (dh[m] == dh[j] && m < j))) {
                        rank++;
                    }
                }
                p += rank + 1 - k;
            }
            return p;
        }).sum();
        return 1 - 2.0 / ((double) sample * k * (2.0 * n - 3.0 * k - 1)) * penalty;
    }

    /** The k smallest of {@code dist} (ties to the lower index). */
    private static int[] nearest(double[] dist, int k) {
        int[] idx = new int[k];
        double[] key = new double[k];
        Arrays.fill(key, Double.POSITIVE_INFINITY);
        Arrays.fill(idx, Integer.MAX_VALUE);
        for (int m = 0; m < dist.length; m++) {
            if (dist[m] < key[k - 1]) {
                int at = k - 1;
                while (at > 0 && dist[m] < key[at - 1]) {
                    key[at] = key[at - 1];
                    idx[at] = idx[at - 1];
                    at--;
                }
                key[at] = dist[m];
                idx[at] = m;
            }
        }
        return idx;
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static float[][] images(Path file, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
            in.readInt();
            int count = Math.max(0, Math.min(n, in.readInt()));
            int pixels = in.readInt() * in.readInt();
            float[][] out = new float[count][pixels];
            byte[] row = new byte[pixels];
            for (float[] img : out) {
                in.readFully(row);
                for (int p = 0; p < pixels; p++) {
                    img[p] = (row[p] & 0xff) / 255f;
                }
            }
            return out;
        }
    }

    private static int[] labels(Path file, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            int count = Math.min(n, in.readInt());
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                out[i] = in.readUnsignedByte();
            }
            return out;
        }
    }
}
