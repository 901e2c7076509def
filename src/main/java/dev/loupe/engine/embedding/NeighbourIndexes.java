package dev.loupe.engine.embedding;

import dev.loupe.engine.features.Sample;
import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.jobs.JobMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the neighbour index for a set of feature vectors: the exact scan while it is quick enough, an HNSW graph
 * beyond. Both answer the same question (cosine top-k); only speed and exactness differ.
 */
public final class NeighbourIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(NeighbourIndexes.class);

    /**
     * Up to this many vectors the exact {@link CosineIndex} is used. The studio builds the index once per map and then
     * asks a handful of queries (a dropped photo, its neighbour strip), so what counts is build time plus a few
     * queries. At 100,000 x 1,280 the exact scan answered in 0.63 s (p50; 43 ms since it scans bounded one-byte
     * codes first, load 8) and builds in seconds, while the HNSW graph answered in 1.8 ms but took 877 s to build
     * (the shared 2-core machine under heavy load; docs/embedding.md).
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
            return CosineIndex.forManyQueries(vectors);
        }
        monitor.stage("Indexing " + Plurals.of(vectors.length, "image") + " for similarity search");
        long start = System.nanoTime();
        HnswCosineIndex index = HnswCosineIndex.build(vectors, HnswCosineIndex.Params.DEFAULT, monitor);
        LOG.info("HNSW index of {} vectors built in {} s", vectors.length, (System.nanoTime() - start) / 1_000_000_000);
        return index;
    }

    /** The index of {@code samples} (row i is sample i), kept in {@code file} if not null ({@link #forDataset}). */
    public static NeighbourIndex of(List<Sample> samples, Path file, JobMonitor monitor) {
        if (file == null) {
            return build(samples.stream().map(Sample::features).toArray(float[][]::new), monitor);
        }
        return forDataset(samples, file, Kind.AUTO, monitor);
    }

    /**
     * The index of a dataset's {@code samples} (row i is sample i). A graph is kept in {@code file} (see
     * {@link #fileFor}): the saved one is read, brought up to date with the photos that came and went since, and saved
     * again, so only new photos are inserted; a missing or unusable file, or one with too many photos gone, means a
     * new graph. A file that cannot be written costs the next open a build, nothing else.
     */
    public static NeighbourIndex forDataset(List<Sample> samples, Path file, Kind kind, JobMonitor monitor) {
        Optional<IndexKey> key;
        try {
            key = Optional.of(IndexKey.user());
        } catch (IOException e) {
            LOG.warn("Neighbour indexes will not be saved: {}", e.getMessage());
            key = Optional.empty();
        }
        return forDataset(samples, file, kind, key, monitor);
    }

    static NeighbourIndex forDataset(List<Sample> samples, Path file, Kind kind, Optional<IndexKey> key,
                                     JobMonitor monitor) {
        float[][] x = samples.stream().map(Sample::features).toArray(float[][]::new);
        Kind chosen = kind == Kind.AUTO ? choose(x.length) : kind;
        if (chosen == Kind.EXACT || x.length == 0 || key.isEmpty()) {
            return build(x, chosen, monitor);
        }
        String[] keys = samples.stream().map(s -> s.image().relativePath()).toArray(String[]::new);
        monitor.stage("Indexing " + Plurals.of(x.length, "image") + " for similarity search");
        long start = System.nanoTime();
        HnswCosineIndex index = NeighbourIndexFile.read(file, x[0].length, key.get())
                .map(saved -> HnswCosineIndex.update(saved, x, keys, monitor)).orElse(null);
        String how = index == null ? "built" : "updated (" + index.changes() + " photos added or removed)";
        if (index == null) {
            index = HnswCosineIndex.build(x, keys, HnswCosineIndex.Params.DEFAULT, monitor);
        }
        LOG.info("HNSW index of {} vectors {} in {} s", x.length, how,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        if (index.changes() > 0) {
            try {
                NeighbourIndexFile.write(file, index.keyed(), key.get());
            } catch (IOException e) {
                LOG.warn("Could not save the neighbour index {}: {}", file, e.getMessage());
            }
        }
        return index;
    }

    /** Where the graph of a dataset's features by one backbone is kept: beside the dataset's catalogue. */
    public static Path fileFor(Path catalogueLocation, String backboneId) {
        return catalogueLocation.resolveSibling("neighbours")
                .resolve(backboneId.replaceAll("[^A-Za-z0-9._-]", "_") + ".hnsw");
    }
}
