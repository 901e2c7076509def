package dev.loupe.engine.finetune;

import dev.loupe.engine.training.TrainingConfig;

/**
 * How the top is fine-tuned. The defaults are the first measurement's (docs/benchmarks.md, "Fine-tuning the top of
 * the backbone"): Adam at 3e-4 decaying linearly to 0 over the epochs asked for; a warm-up over the first tenth of
 * the steps and a small decoupled weight decay on the blocks are the usual fine-tuning practice, not yet measured
 * here. The rate is ten times below the head's 3e-3: the blocks start from ImageNet weights worth keeping.
 *
 * @param epochs       upper bound; early stopping on validation loss usually ends sooner
 * @param patience     epochs without a lower validation loss before stopping
 * @param warmupShare  share of all steps over which the rate ramps up from 0
 * @param weightDecay  decoupled weight decay on the blocks' weights (times the rate), none on the softmax layer
 * @param classWeights weigh the loss by inverse class frequency, as the head does ({@code TrainingConfig})
 */
public record FineTuneSettings(int epochs, double learningRate, double warmupShare, double weightDecay,
                               int batchSize, int patience, long seed, boolean classWeights) {

    public static final int DEFAULT_EPOCHS = 5;
    public static final double DEFAULT_LEARNING_RATE = 3e-4;
    public static final double DEFAULT_WARMUP_SHARE = 0.1;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-4;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_PATIENCE = 2;

    public FineTuneSettings {
        if (epochs < 1 || patience < 1 || batchSize < 1) {
            throw new IllegalArgumentException("fine-tuning needs at least one epoch, a patience and a batch of 1");
        }
        if (!(learningRate > 0 && learningRate < 1) || warmupShare < 0 || warmupShare >= 1 || weightDecay < 0) {
            throw new IllegalArgumentException("fine-tuning's rate must be in (0, 1), its warm-up in [0, 1)");
        }
    }

    public static FineTuneSettings defaults(long seed) {
        return new FineTuneSettings(DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_WARMUP_SHARE, DEFAULT_WEIGHT_DECAY,
                DEFAULT_BATCH_SIZE, DEFAULT_PATIENCE, seed, true);
    }

    /**
     * The settings a run with this config fine-tunes with (the defaults, seeded by the run, classes weighed as its
     * head's are), and records; a record from before class weights reads as unweighed, as those runs were.
     */
    public static FineTuneSettings forRun(TrainingConfig config) {
        return defaults(config.seed()).withClassWeights(config.classWeights()).overriddenBy(System.getProperties());
    }

    /**
     * These settings with any of {@code loupe.finetune.epochs}, {@code .learningRate}, {@code .patience} and
     * {@code .weightDecay} given in {@code props} instead: a benchmark's knobs (docs/benchmarks.md, "What stands in
     * the way of +2"), not a user's, so no CLI option or pane shows them; the run's record holds what was used.
     */
    public FineTuneSettings overriddenBy(java.util.Properties props) {
        String prefix = "loupe.finetune.";
        try {
            return new FineTuneSettings(
                    Integer.parseInt(props.getProperty(prefix + "epochs", Integer.toString(epochs))),
                    Double.parseDouble(props.getProperty(prefix + "learningRate", Double.toString(learningRate))),
                    warmupShare,
                    Double.parseDouble(props.getProperty(prefix + "weightDecay", Double.toString(weightDecay))),
                    batchSize,
                    Integer.parseInt(props.getProperty(prefix + "patience", Integer.toString(patience))),
                    seed, classWeights);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A loupe.finetune.* property is not a number: " + e.getMessage());
        }
    }

    public FineTuneSettings withEpochs(int n) {
        return new FineTuneSettings(n, learningRate, warmupShare, weightDecay, batchSize, patience, seed, classWeights);
    }

    public FineTuneSettings withClassWeights(boolean weigh) {
        return new FineTuneSettings(epochs, learningRate, warmupShare, weightDecay, batchSize, patience, seed, weigh);
    }
}
