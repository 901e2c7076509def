package dev.loupe.engine.training;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.FineTunable;

/**
 * Everything that decides a training run; with the same dataset and config, a run gives the same model.
 *
 * @param backbone          backbone id (see {@code loupe backbones})
 * @param epochs            upper bound; early stopping usually ends sooner
 * @param learningRate      Adam's step size
 * @param hiddenUnits       0 for softmax regression, else the size of one hidden ReLU layer
 * @param dropout           probability of dropping a unit feeding the output layer (0 = none)
 * @param l2                weight decay
 * @param validationPercent share of images held out for validation, by content hash
 * @param seed              seeds initialisation, shuffling and dropout
 * @param patience          epochs without a better validation loss before stopping
 * @param batchSize         examples per gradient step
 * @param classWeights      weigh the loss by inverse class frequency, for imbalanced datasets
 * @param augmentations     augmented variants per training image (0 = none, {@link #AUTO_AUGMENTATIONS} = chosen by
 *                          the dataset's size, {@link #augmentationsFor}); their features are cached like the
 *                          originals', so only the first run with a given count pays for extracting them
 * @param autoHead          choose hidden units, dropout, L2 and learning rate by a search on held-out images
 *                          ({@link HeadSearch}), the four values here being where it starts; false trains them as given
 * @param augmentColour     jitter the variants' colours too (else crops, flips and rotations only): off unless asked,
 *                          since where colour is what tells classes apart, jitter blurs it
 * @param fineTuneBlocks    the backbone's last blocks trained with the head (0 = the head alone; 1 or 2), on maps
 *                          cached at the cut below them ({@code engine/finetune}); a record without it reads as 0
 */
public record TrainingConfig(String backbone, int epochs, double learningRate, int hiddenUnits, double dropout,
                             double l2, double validationPercent, long seed, int patience, int batchSize,
                             boolean classWeights, int augmentations, boolean autoHead, boolean augmentColour,
                             int fineTuneBlocks) {

    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_EPOCHS = 200;
    /**
     * One hidden layer with strong dropout and weight decay at Adam's 3e-3: the best of the settings compared by 5-fold
     * accuracy on the flowers with MobileNet v1 0.75 (0.833, against 0.816 for softmax regression at 1e-3), and it
     * converges in about 20 epochs instead of 80 (docs/benchmarks.md).
     */
    public static final double DEFAULT_LEARNING_RATE = 3e-3;
    /**
     * 128 units in batches of 128 (was 256 in batches of 32): 5-fold accuracy 0.883 against 0.864 on 10,000
     * Fashion-MNIST images, 0.859 against 0.865 on the 200 flowers (6 seeds; within a few images), and a third of the
     * arithmetic (docs/benchmarks.md, "Head settings"). Small datasets get smaller batches ({@code HeadTrainer}).
     */
    public static final int DEFAULT_HIDDEN = 128;
    public static final int DEFAULT_BATCH_SIZE = 128;
    public static final double DEFAULT_DROPOUT = 0.5;
    public static final double DEFAULT_L2 = 1e-2;
    public static final double DEFAULT_VALIDATION_PERCENT = 20;
    public static final int DEFAULT_PATIENCE = 15;
    /** Augmentation left to the dataset's size: {@link #augmentationsFor}. */
    public static final int AUTO_AUGMENTATIONS = -1;
    /** The variants a photo gets when augmentation is left to the dataset and the split is small enough. */
    public static final int AUTO_VARIANTS = 2;
    /**
     * Training splits under this many photos get {@link #AUTO_VARIANTS} by default: where the head search compares
     * settings by cross-validation on all the training photos ({@code HeadSearch.KFOLD_BELOW}), and where the offered
     * variants gained (flowers 158, colour-defined 192, Fashion-MNIST 480 training photos); at 2,400 they gained
     * nothing, and would cost 1.6 more network passes a photo (docs/benchmarks.md, "Augmentation by default").
     */
    public static final int AUTO_BELOW = 500;
    /**
     * ... and of at least this many: below it the search's folds hold a handful of photos each, too few to tell
     * whether the variants help. On 20 training photos of patch scenes (ExplainCommandTest's) the search kept them at
     * 1.000 against 0.850 by folds, and the model then got 22 of 30 new scenes right against 27 without them, most of
     * its mistakes at 100% confidence (2026-12-03 18:50 UTC, docs/benchmarks.md, "Augmentation by default").
     */
    public static final int AUTO_FROM = 100;
    /** Left to the dataset's size ({@link #augmentationsFor}); {@code --augment K} sets it. */
    public static final int DEFAULT_AUGMENTATIONS = AUTO_AUGMENTATIONS;
    /**
     * The head is chosen by {@link HeadSearch} unless the user sets it: at least as accurate as the fixed settings on
     * Fashion-MNIST and the flowers, for a small share of a retrain's time (docs/benchmarks.md, "Accuracy: head
     * search and test-time augmentation").
     */
    public static final boolean DEFAULT_HEAD_SEARCH = true;
    /** More variants than this cost extraction time in proportion and add little (docs/benchmarks.md). */
    public static final int MAX_AUGMENTATIONS = 32;
    /** The most blocks any backbone fine-tunes ({@link FineTunable#MOST_BLOCKS}). */
    public static final int MAX_FINE_TUNE_BLOCKS = FineTunable.MOST_BLOCKS;

    /** Head settings as given, no search (what runs recorded before the search existed mean). */
    public TrainingConfig(String backbone, int epochs, double learningRate, int hiddenUnits, double dropout, double l2,
                          double validationPercent, long seed, int patience, int batchSize, boolean classWeights,
                          int augmentations) {
        this(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed, patience, batchSize,
                classWeights, augmentations, false);
    }

    /** The head alone, no block of the backbone fine-tuned. */
    public TrainingConfig(String backbone, int epochs, double learningRate, int hiddenUnits, double dropout, double l2,
                          double validationPercent, long seed, int patience, int batchSize, boolean classWeights,
                          int augmentations, boolean autoHead, boolean augmentColour) {
        this(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed, patience, batchSize,
                classWeights, augmentations, autoHead, augmentColour, 0);
    }

    /** Variants, if any, without colour jitter. */
    public TrainingConfig(String backbone, int epochs, double learningRate, int hiddenUnits, double dropout, double l2,
                          double validationPercent, long seed, int patience, int batchSize, boolean classWeights,
                          int augmentations, boolean autoHead) {
        this(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed, patience, batchSize,
                classWeights, augmentations, autoHead, false);
    }

    public TrainingConfig {
        require(epochs >= 1, "epochs must be at least 1");
        require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1)");
        require(hiddenUnits >= 0, "hidden units must be 0 (none) or more");
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1)");
        require(l2 >= 0, "l2 must not be negative");
        require(validationPercent >= 0 && validationPercent < 100, "validation share must be in [0, 100)");
        require(patience >= 1, "patience must be at least 1");
        require(batchSize >= 1, "batch size must be at least 1");
        require(augmentations >= AUTO_AUGMENTATIONS && augmentations <= MAX_AUGMENTATIONS,
                "augmentations must be in [0, " + MAX_AUGMENTATIONS + "], or auto");
        require(fineTuneBlocks >= 0 && fineTuneBlocks <= MAX_FINE_TUNE_BLOCKS,
                "blocks to fine-tune must be 0 (none), 1 or " + MAX_FINE_TUNE_BLOCKS);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(BackboneRegistry.DEFAULT_ID, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_HIDDEN,
                DEFAULT_DROPOUT, DEFAULT_L2, DEFAULT_VALIDATION_PERCENT, DEFAULT_SEED, DEFAULT_PATIENCE, DEFAULT_BATCH_SIZE, true,
                DEFAULT_AUGMENTATIONS, DEFAULT_HEAD_SEARCH);
    }

    public TrainingConfig withBackbone(String id) {
        return new TrainingConfig(id, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed,
                patience, batchSize, classWeights, augmentations, autoHead, augmentColour, fineTuneBlocks);
    }

    public TrainingConfig withEpochs(int n) {
        return new TrainingConfig(backbone, n, learningRate, hiddenUnits, dropout, l2, validationPercent, seed,
                patience, batchSize, classWeights, augmentations, autoHead, augmentColour, fineTuneBlocks);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, s,
                patience, batchSize, classWeights, augmentations, autoHead, augmentColour, fineTuneBlocks);
    }

    public TrainingConfig withAugmentations(int k) {
        return new TrainingConfig(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed,
                patience, batchSize, classWeights, k, autoHead, augmentColour, fineTuneBlocks);
    }

    public TrainingConfig withAugmentColour(boolean colour) {
        return new TrainingConfig(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed,
                patience, batchSize, classWeights, augmentations, autoHead, colour, fineTuneBlocks);
    }

    /** The same run, with the backbone's last {@code blocks} blocks fine-tuned (0: the head alone). */
    public TrainingConfig withFineTune(int blocks) {
        return new TrainingConfig(backbone, epochs, learningRate, hiddenUnits, dropout, l2, validationPercent, seed,
                patience, batchSize, classWeights, augmentations, autoHead, augmentColour, blocks);
    }

    /** The same run with the head settings given, searched for or not. */
    public TrainingConfig withHead(HeadSetting h, boolean search) {
        return new TrainingConfig(backbone, epochs, h.learningRate(), h.hiddenUnits(), h.dropout(), h.l2(),
                validationPercent, seed, patience, batchSize, classWeights, augmentations, search, augmentColour,
                fineTuneBlocks);
    }

    /**
     * The variants each of {@code trainingPhotos} training photos gets: the count given, or, left to the dataset,
     * {@link #AUTO_VARIANTS} when the split has {@link #AUTO_FROM} to {@link #AUTO_BELOW} (excluded) photos and the
     * head is searched (the search then keeps them only where they score better on
     * held-out photos), else none.
     */
    public int augmentationsFor(int trainingPhotos) {
        if (augmentations != AUTO_AUGMENTATIONS) {
            return augmentations;
        }
        // Without the search, nothing would check that the variants help.
        return autoHead && trainingPhotos >= AUTO_FROM && trainingPhotos < AUTO_BELOW ? AUTO_VARIANTS : 0;
    }

    public HeadSetting head() {
        return new HeadSetting(hiddenUnits, dropout, l2, learningRate);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
