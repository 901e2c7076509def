package dev.loupe.engine.tflite;

/** Shapes as TFLite stores them. */
final class Layouts {

    private Layouts() {
    }

    /** A shape's dimensions as TFLite's int32 shape. */
    static int[] ints(long... dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = Math.toIntExact(dims[i]);
        }
        return out;
    }
}
