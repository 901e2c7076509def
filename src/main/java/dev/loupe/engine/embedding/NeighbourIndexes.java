package dev.loupe.engine.embedding;

import dev.loupe.engine.util.Plurals;
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
     * Up to this many vectors the exact {@link CosineIndex} is used. The studio builds the index once per map and then
     * asks a handful of queries (a dropped photo, its neighbour strip), so what counts is build time plus a few
     * queries. At 100,000 x 1,280 the exact scan answered in 0.63 s (p50) and needs no build, while the HNSW graph
     * answered in 1.8 ms but took 877 s to build (the shared 2-core machine under heavy load; docs/embedding.md).
     * Past this size the scan keeps growing linearly and the audit's one query per image becomes hours, so the
     * graph pays; below it, exact results at no build cost win.
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
        monitor.stage("Indexing " + Plurals.of(vectors.length, "image") + " for similarity search");
        long start = System.nanoTime();
        HnswCosineIndex index = HnswCosineIndex.build(vectors, HnswCosineIndex.Params.DEFAULT, monitor);
        LOG.info("HNSW index of {} vectors built in {} s", vectors.length, (System.nanoTime() - start) / 1_000_000_000);
        return index;
    }
}
