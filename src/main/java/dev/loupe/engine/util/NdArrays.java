package dev.loupe.engine.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Java float matrices into and out of ND4J, each in one copy. */
public final class NdArrays {

    private NdArrays() {
    }

    /**
     * The rows as one row-major float matrix, copied through a single Java array: {@code Nd4j.create(float[][])}
     * allocates native memory per row, which for 10,000 rows took longer than an epoch of training.
     */
    public static INDArray fromRows(float[][] rows, int columns) {
        float[] flat = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * columns, columns);
        }
        return Nd4j.create(flat, new long[]{rows.length, columns}, 'c');
    }

    /** The matrix as Java rows, read in one copy: {@code toFloatMatrix()} makes a view (and native shape data) per row. */
    public static float[][] toRows(INDArray m) {
        int rows = (int) m.rows();
        int columns = (int) m.columns();
        float[] flat = m.dup('c').data().asFloat();
        float[][] out = new float[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * columns, (i + 1) * columns);
        }
        return out;
    }
}
