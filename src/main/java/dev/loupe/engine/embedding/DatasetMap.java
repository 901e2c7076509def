package dev.loupe.engine.embedding;

import dev.loupe.engine.features.Sample;

import java.util.List;

/**
 * A dataset laid out in 2-D: sample i (image, label, features) sits at layout point i. Searches for similar images
 * run on the full features by cosine, not on the map, whose distances between clusters mean little; the
 * {@link Familiarity} learnt from the same features says whether a new photo looks like the dataset at all.
 *
 * @param placed how many points were placed among their neighbours after the t-SNE ran ({@link MapUpdate}) rather
 *               than laid out by it: the map is approximate until recomputed while this is above 0
 */
public record DatasetMap(String backboneId, List<Sample> samples, TsneLayout layout, NeighbourIndex index,
                         Familiarity familiarity, int placed) {

    public DatasetMap {
        samples = List.copyOf(samples);
        if (layout.size() != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + layout.size() + " points");
        }
    }

    /** A map laid out by t-SNE over all its samples. */
    public DatasetMap(String backboneId, List<Sample> samples, TsneLayout layout, NeighbourIndex index,
                      Familiarity familiarity) {
        this(backboneId, samples, layout, index, familiarity, 0);
    }

    public int size() {
        return samples.size();
    }

    /** Whether some points were placed without re-running t-SNE, so a recomputation would lay them out better. */
    public boolean approximate() {
        return placed > 0;
    }

    /** The dataset images most like {@code features}, most similar first. */
    public List<Neighbour> similar(float[] features, int k) {
        return index.nearest(features, k);
    }

    /** Where an image with these features lands on the map. */
    public Placement place(float[] features, int k) {
        return Placement.place(features, index, layout, k);
    }
}
