package dev.loupe.engine.features.cluster;

/**
 * One row of a cluster's features table ({@link FeatureColumns}), as read, not yet checked.
 *
 * @param features the vector, or null for a file the cluster could not use ({@code error} says why)
 */
public record ClusterFeature(String path, String hash, String backbone, int preprocessing, float[] features,
                             String error, int formatVersion) {
}
