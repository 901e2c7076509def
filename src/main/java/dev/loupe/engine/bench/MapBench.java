package dev.loupe.engine.bench;

import dev.loupe.engine.embedding.EmbeddingService;
import dev.loupe.engine.embedding.Pca;
import dev.loupe.engine.embedding.Tsne;
import dev.loupe.engine.embedding.TsneConfig;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * A dataset map as {@link EmbeddingService#map} lays it out: the features reduced by PCA, then Barnes-Hut t-SNE with
 * the default settings (750 iterations), on {@link ClusteredVectors} since no bundled dataset has 10,000 photos.
 */
record MapBench(int... sizes) {

    static final MapBench DEFAULT = new MapBench(1_000, 10_000);

    List<BenchReport.MapTiming> run() {
        ClusteredVectors data = ClusteredVectors.standard();
        TsneConfig config = TsneConfig.defaults();
        List<BenchReport.MapTiming> rows = new ArrayList<>();
        for (int n : sizes) {
            float[][] x = data.generate(n, 0);
            long t0 = System.nanoTime();
            float[][] reduced = Pca.project(x, EmbeddingService.PCA_DIMS, config.seed());
            double pca = Timing.seconds(t0);
            long t1 = System.nanoTime();
            Tsne.barnesHut(config).run(reduced, JobMonitor.silent());
            rows.add(new BenchReport.MapTiming(n, data.dim(), EmbeddingService.PCA_DIMS, data.describe(), pca,
                    Timing.seconds(t1)));
        }
        return rows;
    }
}
