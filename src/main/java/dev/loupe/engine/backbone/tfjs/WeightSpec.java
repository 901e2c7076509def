package dev.loupe.engine.backbone.tfjs;

import java.util.Arrays;

/** One tensor of a TF.js weights manifest, e.g. {@code conv1/kernel [3, 3, 3, 24] float32}. */
record WeightSpec(String name, long[] shape, String dtype) {

    long elements() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The Keras layer this tensor belongs to: the path before the last '/'. */
    String layerPath() {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** The Keras parameter name (kernel, bias, gamma, moving_mean, depthwise_kernel, ...). */
    String paramName() {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape) + " " + dtype;
    }
}
