package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;

import java.io.DataInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A benchmark, not a test (CI does not install the data): the first N Fashion-MNIST test images, PCA-50, then
 * Barnes-Hut t-SNE; prints trustworthiness(10), 10-NN accuracy in 2-D and in PCA-50 space, and the seconds (wall
 * and the process's CPU, with the load average) of each stage. Data: {@code apt-get install dataset-fashion-mnist}.
 * Run: {@code java -cp target/classes:target/test-classes:target/lib/* dev.loupe.engine.embedding.FashionMnistBenchmark
 * [N [THETA ITERATIONS EXAGGERATED]]} (the defaults: 10,000 and {@link TsneConfig#defaults()}).
 */
public final class FashionMnistBenchmark {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        float[][] images = images(DIR.resolve("t10k-images-idx3-ubyte.gz"), n);
        int[] labels = labels(DIR.resolve("t10k-labels-idx1-ubyte.gz"), n);
        JobMonitor quiet = JobMonitor.silent();
        TsneConfig d = TsneConfig.defaults();
        TsneConfig config = args.length < 4 ? d : new TsneConfig(d.perplexity(), Integer.parseInt(args[2]),
                d.exaggeration(), Integer.parseInt(args[3]), Double.parseDouble(args[1]), d.learningRate(), d.seed(),
                d.partialEvery());
        double load0 = load();

        long t0 = System.nanoTime();
        double c0 = cpu();
        float[][] pca = Pca.project(images, 50, TsneConfig.DEFAULT_SEED);
        long t1 = System.nanoTime();
        double c1 = cpu();
        TsneLayout layout = Tsne.barnesHut(config).run(pca, quiet);
        long t2 = System.nanoTime();
        double c2 = cpu();
        double load1 = load();
        float[][] points = EmbeddingQuality.points(layout);
        double trust = EmbeddingQuality.trustworthiness(pca, points, 10, quiet);
        double knnHigh = EmbeddingQuality.knnAccuracy(pca, labels, 10, quiet);
        double knnLow = EmbeddingQuality.knnAccuracy(points, labels, 10, quiet);
        System.out.printf(Locale.ROOT, "Fashion-MNIST, %d images (784 px -> PCA-50 -> Barnes-Hut t-SNE, "
                + "perplexity 30, %d iterations of which %d exaggerated, theta %.2f)%n", n, config.iterations(),
                config.exaggerationIterations(), config.theta());
        System.out.printf(Locale.ROOT, "load average:    %.1f before, %.1f after the t-SNE%n", load0, load1);
        System.out.printf(Locale.ROOT, "PCA-50:          %.1f s, %.1f s of CPU%n", (t1 - t0) / 1e9, c1 - c0);
        System.out.printf(Locale.ROOT, "t-SNE:           %.1f s, %.1f s of CPU%n", (t2 - t1) / 1e9, c2 - c1);
        System.out.printf(Locale.ROOT, "trustworthiness(10) vs PCA-50: %.4f%n", trust);
        System.out.printf(Locale.ROOT, "10-NN accuracy:  PCA-50 %.4f, 2-D %.4f, ratio %.4f%n", knnHigh, knnLow,
                knnLow / knnHigh);
    }

    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static float[][] images(Path file, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            in.readInt();
            int count = Math.min(n, in.readInt());
            int rows = in.readInt();
            int cols = in.readInt();
            float[][] out = new float[count][rows * cols];
            for (float[] img : out) {
                for (int p = 0; p < img.length; p++) {
                    img[p] = in.readUnsignedByte() / 255f;
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
