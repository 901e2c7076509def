package dev.loupe.engine.backbone;

/**
 * The per-pixel affine map from the pixels an exported model is fed to the values its backbone wants
 * ({@link InputSpec}): {@code out[c] = sum over i of matrix[c][i] * in[i] + bias[c]}, with channels in RGB order on
 * input. One 1x1 convolution computes it exactly, so exports carry scaling and channel order inside their graph.
 *
 * @param matrix 3x3, row = output channel (in the backbone's channel order), column = input channel (R, G, B)
 * @param bias   3 values, one per output channel
 */
public record PixelTransform(float[][] matrix, float[] bias) {

    /** What the exported model takes. */
    public enum Source {
        /** RGB values 0 to 255, as an image decoder gives them. */
        RGB_0_255,
        /** RGB scaled x / 127 - 1, as Teachable Machine's JavaScript library feeds its models. */
        TEACHABLE_MACHINE
    }

    /** The map from {@code source} pixels to the backbone's input as {@code target} says. */
    public static PixelTransform between(Source source, InputSpec target) {
        // An 8-bit value x arrives as a * x + b; x = (in - b) / a.
        double a = source == Source.RGB_0_255 ? 1 : 1 / 127.0;
        double b = source == Source.RGB_0_255 ? 0 : -1;
        float[][] m = new float[3][3];
        float[] bias = new float[3];
        for (int c = 0; c < 3; c++) {
            int rgb = target.channelOrder() == InputSpec.ChannelOrder.BGR ? 2 - c : c;
            // The target's scaling is affine in x: scale * x + offset.
            double offset = target.scaling().apply(0f, rgb);
            double scale = target.scaling().apply(255f, rgb) / 255.0 - offset / 255.0;
            m[c][rgb] = (float) (scale / a);
            bias[c] = (float) (offset - scale * b / a);
        }
        return new PixelTransform(m, bias);
    }

    /** The weights of a 1x1 convolution in ONNX's layout: [out, in, 1, 1], row-major. */
    public float[] oihw() {
        float[] w = new float[9];
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 3; i++) {
                w[o * 3 + i] = matrix[o][i];
            }
        }
        return w;
    }

    /** The weights of a 1x1 convolution in Keras' layout: [1, 1, in, out], row-major. */
    public float[] hwio() {
        float[] w = new float[9];
        for (int i = 0; i < 3; i++) {
            for (int o = 0; o < 3; o++) {
                w[i * 3 + o] = matrix[o][i];
            }
        }
        return w;
    }
}
