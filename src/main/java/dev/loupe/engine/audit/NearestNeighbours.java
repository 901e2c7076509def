package dev.loupe.engine.audit;

import dev.loupe.engine.embedding.AllNearest;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.embedding.NeighbourIndex;
import dev.loupe.engine.embedding.NeighbourIndexes;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.features.Sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dataset's distinct contents and each one's nearest others. Exact duplicates share one row: otherwise a copied
 * image would be its own nearest neighbour (similarity 1), hiding real near-duplicates and voting twice on labels.
 */
final class NearestNeighbours {

    /** One distinct content: its hash and every sample (file) that holds it, in dataset order. */
    record Content(String hash, List<Sample> samples) {
        String label() {
            return samples.get(0).image().label();
        }
    }

    final List<Content> contents;
    final List<List<Neighbour>> neighbours;

    private NearestNeighbours(List<Content> contents, List<List<Neighbour>> neighbours) {
        this.contents = contents;
        this.neighbours = neighbours;
    }

    /**
     * The {@code k} nearest distinct contents of every distinct content, most similar first. Past
     * {@link NeighbourIndexes#EXACT_LIMIT} contents the search is approximate: an exact all-pairs pass would take hours.
     * Below it, {@link AllNearest} answers every content at once with matrix products.
     */
    static NearestNeighbours of(List<Sample> samples, int k, JobMonitor monitor) {
        Map<String, List<Sample>> byHash = new LinkedHashMap<>();
        samples.forEach(s -> byHash.computeIfAbsent(s.hash(), h -> new ArrayList<>()).add(s));
        List<Content> contents = new ArrayList<>();
        byHash.forEach((h, list) -> contents.add(new Content(h, List.copyOf(list))));
        float[][] vectors = contents.stream().map(c -> c.samples().get(0).features()).toArray(float[][]::new);
        if (NeighbourIndexes.choose(vectors.length) == NeighbourIndexes.Kind.EXACT) {
            return new NearestNeighbours(contents, AllNearest.of(vectors, k, monitor));
        }
        NeighbourIndex index = NeighbourIndexes.build(vectors, NeighbourIndexes.Kind.APPROXIMATE, monitor);
        List<List<Neighbour>> neighbours = new ArrayList<>(contents.size());
        for (int i = 0; i < vectors.length; i++) {
            neighbours.add(index.nearest(vectors[i], k, i));
        }
        return new NearestNeighbours(contents, neighbours);
    }

    /** Similarity of every content to its single nearest other, for choosing thresholds. */
    double[] nearestSimilarities() {
        return neighbours.stream().filter(n -> !n.isEmpty()).mapToDouble(n -> n.get(0).similarity()).toArray();
    }
}
