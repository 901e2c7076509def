package dev.loupe.engine.bench;

import dev.loupe.engine.embedding.EmbeddingService;
import dev.loupe.engine.embedding.Pca;
import dev.loupe.engine.embedding.Tsne;
import dev.loupe.engine.embedding.TsneConfig;
import dev.loupe.engine.embedding.TsneLayout;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * A dataset map as {@link EmbeddingService#map} lays it out: the features reduced by PCA, then t-SNE with the
 * default settings (300 iterations). On {@link ClusteredVectors} (1,280-d, as backbone features) at 1,000 and 10,000
 * points, and on real images where Fashion-MNIST is installed: 10,000, with scikit-learn's t-SNE on the same input as
 * the reference for time and trustworthiness, and with {@code --scale} all 70,000.
 */
record MapBench(int[] sizes, int[] fashionSizes, boolean reference) {

    static MapBench of(boolean scale) {
        return new MapBench(new int[] {1_000, 10_000}, scale ? new int[] {10_000, 70_000} : new int[] {10_000}, true);
    }

    List<BenchReport.MapTiming> run() throws Exception {
        ClusteredVectors data = ClusteredVectors.standard();
        List<BenchReport.MapTiming> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(time(data.generate(n, 0), data.describe(), false));
        }
        if (FashionMnist.installed()) {
            for (int n : fashionSizes) {
                rows.add(time(FashionMnist.images(n), "Fashion-MNIST images (784 px)", reference && n <= 10_000));
            }
        }
        return rows;
    }

    private static BenchReport.MapTiming time(float[][] x, String describe, boolean withReference) throws Exception {
        TsneConfig config = TsneConfig.defaults();
        double load = ExplainBench.load();
        long t0 = System.nanoTime();
        float[][] reduced = Pca.project(x, EmbeddingService.PCA_DIMS, config.seed());
        double pca = Timing.seconds(t0);
        double cpu0 = Timing.processCpuSeconds();
        long t1 = System.nanoTime();
        TsneLayout layout = Tsne.barnesHut(config).run(reduced, JobMonitor.silent());
        double tsne = Timing.seconds(t1);
        double cpu = Timing.processCpuSeconds() - cpu0;
        TsneReference ref = withReference ? TsneReference.measure(reduced, layout) : null;
        return new BenchReport.MapTiming(x.length, x[0].length, EmbeddingService.PCA_DIMS, describe, pca, tsne,
                cpu, load, ExplainBench.load(), ref == null ? "" : ref.name(),
                ref == null ? Double.NaN : ref.seconds(), ref == null ? Double.NaN : ref.trust(),
                ref == null ? Double.NaN : ref.oursTrust());
    }
}
