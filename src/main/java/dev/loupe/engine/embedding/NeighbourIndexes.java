package dev.loupe.engine.embedding;

import dev.loupe.engine.jobs.JobMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the neighbour index for a set of feature vectors: the exact scan while it is quick enough, an HNSW graph
 * beyond. Both answer the same question (cosine top-k); only speed and exactness differ.
 */
public final class NeighbourIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(NeighbourIndexes.class);

    /**
     * Up to this many vectors the exact {@link CosineIndex} is used. An exact query reads every vector: at 100,000 x
     * 1,280 floats that is ~0.5 GB of memory traffic, about a tenth of a second on one core, still fine for a
     * dropped photo and its neighbour strip, and the results are exact with no index to build. Past it the scan
     * grows linearly while an HNSW query stays around a millisecond, which repays the graph's build time (minutes for
     * 100,000+ vectors on 2 cores: the figures are in docs/embedding.md).
     */
    public static final int EXACT_LIMIT = 100_000;

    /** Which index to build; {@link #AUTO} decides by size, the others force one (tests, benchmarks). */
    public enum Kind { AUTO, EXACT, APPROXIMATE }

    private NeighbourIndexes() {
    }

    /** The index {@link Kind#AUTO} would pick for {@code n} vectors. */
    public static Kind choose(int n) {
        return n <= EXACT_LIMIT ? Kind.EXACT : Kind.APPROXIMATE;
    }

    public static NeighbourIndex build(float[][] vectors, JobMonitor monitor) {
        return build(vectors, Kind.AUTO, monitor);
    }

    public static NeighbourIndex build(float[][] vectors, Kind kind, JobMonitor monitor) {
        Kind chosen = kind == Kind.AUTO ? choose(vectors.length) : kind;
        if (chosen == Kind.EXACT) {
            return new CosineIndex(vectors);
        }
        monitor.stage("Indexing " + vectors.length + " images for similarity search");
        long start = System.nanoTime();
        HnswCosineIndex index = HnswCosineIndex.build(vectors, HnswCosineIndex.Params.DEFAULT, monitor);
        LOG.info("HNSW index of {} vectors built in {} s", vectors.length, (System.nanoTime() - start) / 1_000_000_000);
        return index;
    }
}
