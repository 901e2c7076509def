package dev.loupe.engine.finetune;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.HeadTrainer;
import dev.loupe.engine.training.Losses;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The cached cut maps of one split as mini-batches for the top: a training epoch in a shuffled order, or a pass in
 * order that scores the top. Maps are read from the file batch by batch, never held (2.3 GB for 60,000 photos).
 */
final class TopBatches {

    /** Mean loss and accuracy of a pass, and its probabilities when it was a scoring pass (in order). */
    record Scores(double loss, double accuracy, float[][] p) {
    }

    /**
     * A batch's arrays (its maps, the activations, the gradients) live in one workspace, reused from batch to batch.
     * Left to the garbage collector, their native memory piled up between collections: a 60,000-photo run at -Xmx6g
     * reached 13 GB resident and was killed by the kernel. Only the probabilities leave it, copied to the heap; the
     * weights, their gradient views and Adam's state were made outside it.
     */
    static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();
    static final String STEP_NAME = "LOUPE_TOP_STEP";

    private final CutActivations.Reader maps;
    private final int[] y;
    private final int classes;

    TopBatches(CutActivations.Reader maps, int[] y, int classes) {
        if (maps.count() != y.length) {
            throw new IllegalArgumentException("the cut file holds " + maps.count() + " photos, not " + y.length);
        }
        this.maps = maps;
        this.y = y;
        this.classes = classes;
    }

    int size() {
        return y.length;
    }

    int[] y() {
        return y;
    }

    /**
     * One pass of Adam steps over every photo in a shuffled order; checks for a cancel before each step. The
     * training accuracy and loss are those of the probabilities each step computed before updating.
     */
    Scores epoch(TopStep trainer, int batch, Random random, IntConsumer stepDone, JobMonitor monitor)
            throws IOException {
        int[] order = HeadTrainer.permutation(y.length, random);
        double loss = 0;
        int right = 0;
        int step = 0;
        for (int from = 0; from < order.length; from += batch) {
            monitor.checkCancelled();
            int m = Math.min(batch, order.length - from);
            int[] rows = new int[m];
            System.arraycopy(order, from, rows, 0, m);
            float[][] p;
            try (MemoryWorkspace batchArrays = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, STEP_NAME)) {
                p = trainer.fit(read(rows), oneHot(rows)).toFloatMatrix();
            }
            int[] truth = new int[m];
            for (int i = 0; i < m; i++) {
                truth[i] = y[rows[i]];
            }
            right += (int) Math.round(Losses.accuracy(p, truth) * m);
            // The cross-entropy of the outputs before the step, comparable to the validation loss: DL4J's score()
            // would add the weight-decay penalty (2.9 for a converged two-class top, accuracy 1.0).
            loss += Losses.crossEntropy(p, truth) * m;
            stepDone.accept(++step);
        }
        return new Scores(loss / order.length, (double) right / order.length, null);
    }

    /**
     * Draws the orders of {@code epochs} epochs of {@code photos} from {@code random} as {@link #epoch} does, so a
     * resumed run shuffles its next epoch as the uninterrupted run would have.
     */
    static void skipEpochs(Random random, int photos, int epochs) {
        for (int i = 0; i < epochs; i++) {
            HeadTrainer.permutation(photos, random);
        }
    }

    /** The top's probabilities for every photo, in order, with their mean cross-entropy and accuracy. */
    Scores evaluate(TopStep trainer, int batch, JobMonitor monitor) throws IOException {
        float[][] p = new float[y.length][];
        for (int from = 0; from < y.length; from += batch) {
            monitor.checkCancelled();
            int m = Math.min(batch, y.length - from);
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) {
                rows[i] = from + i;
            }
            float[][] out;
            try (MemoryWorkspace batchArrays = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, STEP_NAME)) {
                out = trainer.output(read(rows)).toFloatMatrix();
            }
            System.arraycopy(out, 0, p, from, m);
        }
        return new Scores(Losses.crossEntropy(p, y), Losses.accuracy(p, y), p);
    }

    private INDArray read(int[] rows) throws IOException {
        CutActivations.Shape s = maps.shape();
        float[] x = new float[rows.length * s.values()];
        for (int i = 0; i < rows.length; i++) {
            maps.read(rows[i], x, i * s.values());
        }
        return Nd4j.create(x, new long[] {rows.length, s.channels(), s.height(), s.width()}, 'c');
    }

    private INDArray oneHot(int[] rows) {
        INDArray labels = Nd4j.zeros(rows.length, classes);
        for (int i = 0; i < rows.length; i++) {
            labels.putScalar(i, y[rows[i]], 1f);
        }
        return labels;
    }
}
