package dev.loupe.engine.embedding;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;

/**
 * Maps a dataset: its (cached) features, reduced to 50 dimensions by PCA, which removes noise and makes the
 * neighbour search ~25x cheaper for 1,280-d features, then laid out by Barnes-Hut t-SNE. Similar-image search gets
 * the index {@link NeighbourIndexes} picks for the dataset's size.
 */
public final class EmbeddingService {

    public static final int PCA_DIMS = 50;

    private final FeatureService features;

    public EmbeddingService(FeatureService features) {
        this.features = features;
    }

    public DatasetMap map(DatasetSnapshot dataset, Catalogue catalogue, BackboneDescriptor backbone, TsneConfig config,
                          JobMonitor monitor) throws Exception {
        FeatureSet set = features.features(dataset, catalogue, backbone, monitor);
        return map(set, config, monitor);
    }

    public static DatasetMap map(FeatureSet set, TsneConfig config, JobMonitor monitor) {
        float[][] x = set.samples().stream().map(Sample::features).toArray(float[][]::new);
        monitor.stage("Reducing " + x.length + " feature vectors to " + PCA_DIMS + " dimensions");
        float[][] reduced = Pca.project(x, PCA_DIMS, config.seed());
        monitor.checkCancelled();
        monitor.partial(new MapSamples(set.samples()));
        TsneLayout layout = Tsne.barnesHut(config).run(reduced, monitor);
        // Full features, not PCA-50: similar images should be found on everything the backbone saw.
        return new DatasetMap(set.backboneId(), set.samples(), layout, NeighbourIndexes.build(x, monitor));
    }
}
