package dev.loupe.engine.features;

import java.util.List;

/**
 * Features of a whole dataset, ready for training.
 *
 * @param samples   usable images in dataset order
 * @param problems  images that could not be read, with the reason
 * @param extracted how many vectors were computed in this run
 * @param cached    how many came from the cache
 */
public record FeatureSet(String backboneId, List<Sample> samples, List<ImageProblem> problems, int extracted,
                         int cached) {

    public FeatureSet {
        samples = List.copyOf(samples);
        problems = List.copyOf(problems);
    }
}
