package dev.loupe.engine.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The training rows copied once per epoch into a shuffled order, and each mini-batch as fixed views of that copy with
 * its own work buffers: the arrays a step needs exist before the first step, so steps allocate none.
 */
final class ShuffledBatches {

    /** One mini-batch: views of the shuffled rows, and buffers shared by batches of the same size. */
    record Batch(int rows, INDArray x, INDArray weightedTargets, INDArray rowWeights, INDArray hidden,
                 INDArray hiddenGradient, INDArray mask, INDArray dropped, INDArray output) {
    }

    private final INDArray x;
    private final INDArray weightedTargets;
    private final INDArray rowWeights;
    private final INDArray shuffledX;
    private final INDArray shuffledTargets;
    private final INDArray shuffledWeights;
    private final List<Batch> batches = new ArrayList<>();

    /**
     * @param hidden  units of the hidden layer, 0 for none
     * @param dropout whether the output layer's input is dropped out (needs a mask and a copy)
     */
    ShuffledBatches(INDArray x, int[] y, int classes, float[] classWeights, int batchSize, long hidden,
                    boolean dropout) {
        this.x = x;
        float[][] targets = new float[y.length][classes];
        float[][] weights = new float[y.length][1];
        for (int i = 0; i < y.length; i++) {
            weights[i][0] = classWeights == null ? 1f : classWeights[y[i]];
            targets[i][y[i]] = weights[i][0];
        }
        this.weightedTargets = Matrices.fromRows(targets, classes);
        this.rowWeights = Matrices.fromRows(weights, 1);
        this.shuffledX = x.ulike();
        this.shuffledTargets = weightedTargets.ulike();
        this.shuffledWeights = rowWeights.ulike();
        long outputInputs = hidden > 0 ? hidden : x.size(1);
        Batch full = null;
        for (int start = 0; start < y.length; start += batchSize) {
            int rows = Math.min(batchSize, y.length - start);
            Batch shape = rows == batchSize && full != null ? full : buffers(rows, hidden, outputInputs, classes,
                    dropout);
            if (rows == batchSize) {
                full = shape;
            }
            batches.add(new Batch(rows, rowsOf(shuffledX, start, rows), rowsOf(shuffledTargets, start, rows),
                    rowsOf(shuffledWeights, start, rows), shape.hidden(), shape.hiddenGradient(), shape.mask(),
                    shape.dropped(), shape.output()));
        }
    }

    /** Puts the rows in {@code order} (a permutation of the row indices) for the next pass. */
    void shuffle(int[] order) {
        Nd4j.pullRows(x, shuffledX, 1, order);
        Nd4j.pullRows(weightedTargets, shuffledTargets, 1, order);
        Nd4j.pullRows(rowWeights, shuffledWeights, 1, order);
    }

    List<Batch> all() {
        return batches;
    }

    private static Batch buffers(int rows, long hidden, long outputInputs, int classes, boolean dropout) {
        return new Batch(rows, null, null, null, hidden > 0 ? matrix(rows, hidden) : null,
                hidden > 0 ? matrix(rows, hidden) : null, dropout ? matrix(rows, outputInputs) : null,
                dropout ? matrix(rows, outputInputs) : null, matrix(rows, classes));
    }

    private static INDArray matrix(long rows, long columns) {
        return Nd4j.create(DataType.FLOAT, rows, columns);
    }

    private static INDArray rowsOf(INDArray a, int start, int rows) {
        return a.get(NDArrayIndex.interval(start, start + rows), NDArrayIndex.all());
    }
}
