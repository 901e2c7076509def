package dev.loupe.engine.embedding;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a dataset: its (cached) features, reduced to 50 dimensions by PCA, which removes noise and makes the
 * neighbour search ~25x cheaper for 1,280-d features, then laid out by Barnes-Hut t-SNE. Similar-image search gets
 * the index {@link NeighbourIndexes} picks for the dataset's size.
 */
public final class EmbeddingService {

    public static final int PCA_DIMS = 50;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingService.class);

    private final FeatureService features;

    public EmbeddingService(FeatureService features) {
        this.features = features;
    }

    public DatasetMap map(DatasetSnapshot dataset, Catalogue catalogue, BackboneDescriptor backbone, TsneConfig config,
                          JobMonitor monitor) throws Exception {
        // PCA's products need ND4J: load it while the cached features are read, not after.
        dev.loupe.engine.util.Natives.warmUpInBackground();
        FeatureSet set = features.features(dataset, catalogue, backbone, monitor);
        return map(set, config, indexFile(catalogue, set), monitor);
    }

    /**
     * The map brought up to date with the dataset without a new t-SNE ({@link MapUpdate}): only new images' features
     * are extracted, and they are placed among their neighbours.
     */
    public DatasetMap update(DatasetMap map, DatasetSnapshot dataset, Catalogue catalogue, BackboneDescriptor backbone,
                             JobMonitor monitor) throws Exception {
        FeatureSet set = features.features(dataset, catalogue, backbone, monitor);
        monitor.stage("Placing new images on the map");
        return MapUpdate.apply(map, set, indexFile(catalogue, set), monitor);
    }

    /** Where a large dataset's neighbour graph is kept between sessions ({@link NeighbourIndexes#forDataset}). */
    private static java.nio.file.Path indexFile(Catalogue catalogue, FeatureSet set) {
        return NeighbourIndexes.fileFor(catalogue.location(), set.backboneId());
    }

    public static DatasetMap map(FeatureSet set, TsneConfig config, JobMonitor monitor) {
        return map(set, config, null, monitor);
    }

    /** The map; {@code indexFile} (or null: none) keeps the neighbour graph of a large dataset. */
    public static DatasetMap map(FeatureSet set, TsneConfig config, java.nio.file.Path indexFile,
                                 JobMonitor monitor) {
        float[][] x = set.samples().stream().map(Sample::features).toArray(float[][]::new);
        monitor.stage("Reducing " + x.length + " feature vectors to " + PCA_DIMS + " dimensions");
        long start = System.nanoTime();
        float[][] reduced = Pca.project(x, PCA_DIMS, config.seed());
        monitor.checkCancelled();
        monitor.partial(new MapSamples(set.samples()));
        long pca = System.nanoTime();
        TsneLayout layout = Tsne.barnesHut(config).run(reduced, monitor);
        long tsne = System.nanoTime();
        // Full features, not PCA-50: similar images should be found on everything the backbone saw.
        NeighbourIndex index = NeighbourIndexes.of(set.samples(), indexFile, monitor);
        monitor.checkCancelled();
        Familiarity familiarity = Familiarity.learn(x, index, config.seed());
        // How long a map takes is what users of big datasets ask first: say it in the log.
        LOG.info("Map of {} images: PCA {} s, t-SNE {} s, neighbour index {} s", x.length, seconds(start, pca),
                seconds(pca, tsne), seconds(tsne, System.nanoTime()));
        return new DatasetMap(set.backboneId(), set.samples(), layout, index, familiarity);
    }

    private static String seconds(long from, long to) {
        return String.format(java.util.Locale.ROOT, "%.1f", (to - from) / 1e9);
    }
}
