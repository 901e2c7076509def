package dev.loupe.engine.features;

/**
 * One image's last feature maps before the backbone's global pooling, and the features pooled from them, from the
 * same run of the network.
 *
 * @param maps     {@code channels * height * width} values, channel after channel, each row-major
 * @param features the pooled features, as {@link FeatureExtractor#extract} gives them
 */
public record FeatureMaps(int channels, int height, int width, float[] maps, float[] features) {

    public FeatureMaps {
        if (maps.length != channels * height * width || features.length != channels) {
            throw new IllegalArgumentException("feature maps of " + maps.length + " values for " + channels + "x"
                    + height + "x" + width + " with " + features.length + " features");
        }
    }

    /** Positions per map. */
    public int positions() {
        return height * width;
    }
}
