package dev.loupe.engine.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The training rows copied once per epoch, in a shuffled order, into one native matrix per mini-batch, with native
 * work buffers of its size: the arrays a step needs exist before the first step, so steps allocate none.
 */
final class ShuffledBatches {

    /**
     * One mini-batch: rows {@code [start, start + rows)} of the shuffled order (and a Java view of their memory),
     * and buffers shared by batches of the same size (null where the head does not need them).
     */
    record Batch(int start, int rows, INDArray x, FloatBuffer xMemory, Native hidden, Native hiddenGradient) {
    }

    /** A native matrix and a Java view of its memory, for bulk copies in and out. */
    record Native(INDArray array, FloatBuffer buffer) {
        static Native of(long rows, long columns) {
            INDArray a = Nd4j.create(DataType.FLOAT, rows, columns);
            return new Native(a, a.data().asNioFloat());
        }
    }

    private final float[][] x;
    private final int[] labels;
    private final float[] rowWeights;
    private final int[] shuffledLabels;
    private final float[] shuffledWeights;
    private final List<Batch> batches = new ArrayList<>();

    /**
     * @param classWeights loss weight per class, or null for none
     * @param hidden       units of the hidden layer, 0 for none
     */
    ShuffledBatches(float[][] x, int[] y, float[] classWeights, int batchSize, long hidden) {
        this.x = x;
        this.labels = y.clone();
        this.rowWeights = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            rowWeights[i] = classWeights == null ? 1f : classWeights[y[i]];
        }
        this.shuffledLabels = new int[y.length];
        this.shuffledWeights = new float[y.length];
        Batch full = null;
        for (int start = 0; start < y.length; start += batchSize) {
            int rows = Math.min(batchSize, y.length - start);
            Batch shape = rows == batchSize && full != null ? full : new Batch(0, rows, null, null,
                    hidden > 0 ? Native.of(rows, hidden) : null, hidden > 0 ? Native.of(rows, hidden) : null);
            if (rows == batchSize) {
                full = shape;
            }
            // A matrix of its own rather than a view of one shuffled copy: ND4J's products ran slower on views.
            Native rowsOfX = Native.of(rows, x[0].length);
            batches.add(new Batch(start, rows, rowsOfX.array(), rowsOfX.buffer(), shape.hidden(),
                    shape.hiddenGradient()));
        }
    }

    /**
     * Puts the rows in {@code order} (a permutation of the row indices) for the next pass, copied from the Java rows
     * straight into the batches' native memory: a native copy of all rows to gather from would be one more array of
     * the training set's size, and fresh memory is slow to come by here (page faults: 150 ms for 10,000 x 1280).
     */
    void shuffle(int[] order) {
        int columns = x[0].length;
        for (Batch b : batches) {
            for (int i = 0; i < b.rows(); i++) {
                b.xMemory().put(i * columns, x[order[b.start() + i]]);
            }
        }
        for (int i = 0; i < order.length; i++) {
            shuffledLabels[i] = labels[order[i]];
            shuffledWeights[i] = rowWeights[order[i]];
        }
    }

    List<Batch> all() {
        return batches;
    }

    /** Class of each shuffled row. */
    int[] labels() {
        return shuffledLabels;
    }

    /** Loss weight of each shuffled row. */
    float[] weights() {
        return shuffledWeights;
    }
}
