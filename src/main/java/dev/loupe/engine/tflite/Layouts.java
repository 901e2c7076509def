package dev.loupe.engine.tflite;

/** Reorders the values of a constant between ONNX's layouts and TFLite's. */
final class Layouts {

    private Layouts() {
    }

    /**
     * The values of a C-order array of shape {@code dims} with its axes permuted: output axis {@code i} is input axis
     * {@code perm[i]}, as numpy's {@code transpose(perm)}.
     */
    static float[] permute(float[] values, long[] dims, int... perm) {
        int rank = dims.length;
        long[] outDims = new long[rank];
        for (int i = 0; i < rank; i++) {
            outDims[i] = dims[perm[i]];
        }
        long[] inStrides = strides(dims);
        float[] out = new float[values.length];
        int[] index = new int[rank];
        for (int o = 0; o < out.length; o++) {
            long source = 0;
            for (int i = 0; i < rank; i++) {
                source += index[i] * inStrides[perm[i]];
            }
            out[o] = values[(int) source];
            for (int i = rank - 1; i >= 0 && ++index[i] == outDims[i]; i--) {
                index[i] = 0;
            }
        }
        return out;
    }

    /** A shape's dimensions as TFLite's int32 shape. */
    static int[] ints(long... dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = Math.toIntExact(dims[i]);
        }
        return out;
    }

    private static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }
}
