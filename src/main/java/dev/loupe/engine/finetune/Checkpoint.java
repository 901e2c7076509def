package dev.loupe.engine.finetune;

import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.util.Hashes;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a fine-tuning run keeps its state after each epoch (the top's weights, the best epoch's, Adam's moments and
 * step, the epochs' figures: {@link CheckpointFile}), and whether it continues from there. The shuffle needs no
 * state of its own: it is replayed from the seed for the epochs already run, so a resumed run goes on exactly as an
 * uninterrupted one would.
 *
 * @param file   the run's checkpoint file; null to keep none (the command line's {@code loupe train})
 * @param resume continue from {@code file}, which must exist and have been made on the same data and settings
 */
public record Checkpoint(Path file, boolean resume) {

    public Checkpoint {
        if (resume && file == null) {
            throw new IllegalArgumentException("resuming needs a checkpoint file");
        }
    }

    public static Checkpoint none() {
        return new Checkpoint(null, false);
    }

    /** A new run that writes its checkpoint to {@code file} after each epoch. */
    public static Checkpoint at(Path file) {
        return new Checkpoint(file, false);
    }

    /** A run that continues from {@code file} and goes on writing it. */
    public static Checkpoint resumeFrom(Path file) {
        return new Checkpoint(file, true);
    }

    /** What a checkpoint was made on: resuming needs every part to match the run's. */
    record Identity(String backbone, int blocks, int classes, String settings, String photos) {

        static Identity of(BackboneTop top, int classes, FineTuneSettings settings, FineTuner.Photos train,
                           FineTuner.Photos validation) {
            return new Identity(top.backbone().id(), top.blocks(), classes, settings.toString(),
                    Hashes.sha256(key(train) + "|" + key(validation)));
        }

        private static String key(FineTuner.Photos photos) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < photos.size(); i++) {
                b.append(photos.hashes().get(i)).append(':').append(photos.y()[i]).append(',');
            }
            return b.toString();
        }

        /** Refuses, in one sentence, a checkpoint made on something else than {@code run}. */
        void requireSameAs(Identity run, Path file) {
            String why = !backbone.equals(run.backbone) || blocks != run.blocks
                    ? "the last " + blocks + " block(s) of " + backbone + ", not the last " + run.blocks + " of "
                            + run.backbone
                    : classes != run.classes ? classes + " classes, not " + run.classes
                    : !photos.equals(run.photos) ? "other photos or labels (the dataset changed since it stopped)"
                    : !settings.equals(run.settings) ? "other fine-tuning settings (" + settings + ")" : null;
            if (why != null) {
                throw new IllegalArgumentException("The checkpoint " + file + " was made on " + why
                        + ", so this run cannot be resumed: start a new one");
            }
        }
    }

    /** Writes the state after a completed epoch (nothing without a file), whole or not at all. */
    void save(Identity identity, ComputationGraph net, INDArray bestWeights, List<EpochMetrics> history,
              double startAccuracy) throws IOException {
        if (file == null) {
            return;
        }
        CheckpointFile.write(file, new CheckpointFile.State(identity, history, startAccuracy,
                net.getIterationCount(), net.getEpochCount(), net.params().toFloatVector(),
                bestWeights.toFloatVector(), updaterState(net).toFloatVector()));
    }

    /**
     * When resuming, checks the file against the run and puts its weights, Adam's moments and step count into
     * {@code net}; returns its state (null for a new run).
     */
    CheckpointFile.State restore(Identity identity, ComputationGraph net) throws IOException {
        if (!resume) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("There is no checkpoint to resume from (" + file + "): the run "
                    + "stopped before its first fine-tuning epoch ended, so start a new one");
        }
        INDArray updater = updaterState(net);
        CheckpointFile.State s = CheckpointFile.read(file, identity, net.numParams(), updater.length());
        for (float[] values : List.of(s.weights(), s.best(), s.updater())) {
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("The checkpoint " + file + " holds a value that is not a "
                            + "number, so this run cannot be resumed: start a new one");
                }
            }
        }
        net.setParams(Nd4j.create(s.weights(), net.params().shape(), 'c'));
        updater.assign(Nd4j.create(s.updater(), updater.shape(), 'c'));
        // The schedule (warm-up, decay) reads Adam's step from the configuration's count.
        net.getConfiguration().setIterationCount(s.iterations());
        net.getConfiguration().setEpochCount(s.epochCount());
        return s;
    }

    /** The best epoch's weights in a checkpoint, shaped as the network's. */
    static INDArray best(CheckpointFile.State s, ComputationGraph net) {
        return Nd4j.create(s.best(), net.params().shape(), 'c');
    }

    /** Adam's moments, one flat view of the network's updater (made here if no step has run yet). */
    private static INDArray updaterState(ComputationGraph net) {
        INDArray state = net.getUpdater(true).getStateViewArray();
        if (state == null) {
            throw new IllegalStateException("the fine-tuned top has no optimizer state");
        }
        return state;
    }
}
