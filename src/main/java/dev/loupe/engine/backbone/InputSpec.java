package dev.loupe.engine.backbone;

/**
 * How a backbone wants its pixels: size, channel order, scaling and tensor layout. The preprocessing version is part
 * of the feature-cache key, so changing how pixels are prepared invalidates cached features.
 *
 * Serializable: a cluster job sends it to its executors.
 *
 * @param layout the layout of the tensor the network is fed as Loupe runs it (DL4J graphs are rewritten to NCHW)
 * @param fit    how a photo of another shape is brought to the network's (absent from older files: STRETCH)
 */
public record InputSpec(int width, int height, ChannelOrder channelOrder, Scaling scaling, Layout layout,
                        int preprocessingVersion, Fit fit) implements java.io.Serializable {

    /** How a photo is brought to the network's size. */
    public enum Fit {
        /** Resized whole, the aspect ratio not kept: Loupe's own backbones. */
        STRETCH,
        /** The centred square (or the network's aspect) cut out first: what Teachable Machine's library does. */
        CENTRE_CROP
    }

    public enum ChannelOrder { RGB, BGR }

    public enum Layout { NCHW, NHWC }

    /** Maps an 8-bit channel value to the network's input range. */
    public enum Scaling {
        /** x / 127.5 - 1: Keras MobileNet, Inception, TF.js exports. */
        MINUS_ONE_TO_ONE,
        /** x / 127 - 1: Teachable Machine's JavaScript library (its capture()), so its models were trained on it. */
        TEACHABLE_MACHINE,
        /** x / 255. */
        ZERO_TO_ONE,
        /** x - ImageNet channel mean (Caffe style, BGR means 103.939, 116.779, 123.68): VGG16, ResNet50. */
        IMAGENET_MEAN;

        /** Value for channel {@code c} (0 = R, 1 = G, 2 = B) of a sample on the 8-bit scale (0 to 255). */
        public float apply(float value, int c) {
            return switch (this) {
                case MINUS_ONE_TO_ONE -> value / 127.5f - 1f;
                case TEACHABLE_MACHINE -> value / 127f - 1f;
                case ZERO_TO_ONE -> value / 255f;
                case IMAGENET_MEAN -> value - (c == 0 ? 123.68f : c == 1 ? 116.779f : 103.939f);
            };
        }
    }

    public InputSpec {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("input size must be positive: " + width + "x" + height);
        }
        fit = fit == null ? Fit.STRETCH : fit;
    }

    /** A spec that stretches photos to the network's size. */
    public InputSpec(int width, int height, ChannelOrder channelOrder, Scaling scaling, Layout layout,
                     int preprocessingVersion) {
        this(width, height, channelOrder, scaling, layout, preprocessingVersion, Fit.STRETCH);
    }

    /** Number of floats one image takes in a tensor. */
    public int valuesPerImage() {
        return 3 * width * height;
    }

    public InputSpec withLayout(Layout newLayout) {
        return new InputSpec(width, height, channelOrder, scaling, newLayout, preprocessingVersion, fit);
    }
}
