package dev.loupe.engine.training;

import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Chooses a head's settings by the data: starting from the config's, it walks one setting at a time (softmax
 * regression, L2, a wider layer, dropout, the learning rate) to its neighbours and keeps a step only when held-out
 * images score it better ({@link HeadTrial#beats}), so the chosen setting is always the best one tried. Each trial is
 * a whole {@link HeadTrainer} run (early-stopped for a hidden layer, so the number of epochs is chosen too; fitted to
 * convergence for softmax regression, whose settings differing only in dropout or learning rate are one fit, tried
 * once).
 *
 * <p>Settings are scored on the validation split, or, when it is small (under {@value #KFOLD_BELOW} training images)
 * or absent, by {@value #FOLDS}-fold cross-validation on the training split, which leaves the validation split to
 * measure the final model. The walk is the same every run, and so is where it ends: its budget counts work
 * ({@link SearchWork}: the epochs each trial ran, times the rows and features they touched), never time, and is
 * checked before each trial, so a busy machine stops at the same trial as a quiet one and the same data and seed give
 * the same model. No trial starts that would, at the mean cost of the trials before it, end past the budget. The
 * choice says when the budget ended the walk. Once a setting gets every held-out image right the walk stops: no
 * other can score better, and a lower loss alone is what the temperature fitted afterwards adjusts anyway.
 *
 * <p>Given augmented variants of the training photos, the walk trains with them, and its last step trains the best
 * setting on the photos alone, scored on the same held-out photos: augmentation stays on only where it scored
 * better (docs/benchmarks.md, "Augmentation by dataset"). That step runs whatever the budget: it costs a fraction
 * (1 / (K + 1)) of a trial of that setting with its K variants a photo.
 */
public final class HeadSearch {

    static final int FOLDS = 3;
    static final int KFOLD_BELOW = 500;
    /** Below this many training images the folds would hold a few images each: the config's settings are kept. */
    static final int MIN_IMAGES = 3 * FOLDS;
    private static final double MIN_L2 = 1e-5;
    private static final double MAX_SOFTMAX_L2 = 1;

    /**
     * The default budget, in trainings of the starting setting: softmax regression and its L2 steps (each a few
     * epochs' work) and often a step of the hidden layer fit, and a retrain costs at most about this many times its training with the settings as given
     * (docs/benchmarks.md, "Head search's budget").
     */
    public static final double DEFAULT_TRAININGS = 4;

    private final double budget;
    private final boolean relative;

    private HeadSearch(double budget, boolean relative) {
        this.budget = budget;
        this.relative = relative;
    }

    /** @param budget the work ({@link SearchWork} units) after which no further trial starts */
    public HeadSearch(double budget) {
        this(budget, false);
    }

    /** A search whose budget is {@code trainings} times the work of its first trial, the starting setting's. */
    public static HeadSearch ofTrainings(double trainings) {
        return new HeadSearch(trainings, true);
    }

    /** As below, the training rows being photos only (no augmented variants). */
    public Result search(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
                         JobMonitor monitor) {
        return search(TrainingRows.of(train), validation, classes, config, monitor);
    }

    /**
     * @param train the training photos and their augmented variants: folds hold out photos and train on the other
     *              photos with their variants ({@link Folds}); the validation split is scored after training on all
     * @return the choice, and the head of the chosen setting when it was trained on {@code train} and early-stopped
     *         on {@code validation} (scored on the validation split), else null: train it then
     */
    public Result search(TrainingRows train, LabelledFeatures validation, int classes, TrainingConfig config,
                         JobMonitor monitor) {
        LabelledFeatures photos = train.photos();
        boolean folds = validation.size() == 0 || photos.size() < KFOLD_BELOW;
        boolean variants = !train.variants().isEmpty();
        if (photos.size() < MIN_IMAGES) {
            return new Result(new HeadChoice(config.head(), "too few training images to compare settings", List.of(),
                    false, variants), null);
        }
        monitor.stage("Choosing head settings");
        Walk walk = new Walk(train, validation, classes, config, monitor, folds ? new Folds(train, classes, FOLDS) : null);
        HeadSetting start = config.head();
        walk.tryStep(start);
        // Softmax regression first: fitted to convergence by L-BFGS it costs a few epochs of the hidden layer and
        // has gained most (Fashion-MNIST, docs/benchmarks.md), so even a small budget tries it. Then L2, which is
        // softmax's only setting, down a finer ladder for softmax (1, 0.5, 0.2, 0.1...) than for a hidden layer, up once
        // when down did not help; then, for a hidden layer, wider, less dropout, another learning rate.
        walk.tryStep(start.withHidden(0));
        if (!walk.steps(HeadSearch::lessL2, 5)) {
            walk.steps(s -> s.hiddenUnits() == 0 && s.l2() < MAX_SOFTMAX_L2 ? s.withL2(s.l2() * 2) : null, 1);
        }
        walk.steps(s -> s.hiddenUnits() > 0 ? s.withHidden(s.hiddenUnits() * 2) : null, 1);
        walk.steps(s -> s.hiddenUnits() > 0 && s.dropout() > 0 ? s.withDropout(s.dropout() >= 0.4 ? s.dropout() / 2 : 0)
                : null, 2);
        if (!walk.steps(s -> s.hiddenUnits() > 0 ? s.withLearningRate(s.learningRate() / 3) : null, 1)) {
            walk.steps(s -> s.hiddenUnits() > 0 && s.learningRate() * 3 < 0.1
                    ? s.withLearningRate(s.learningRate() * 3) : null, 1);
        }
        if (variants) {
            walk.withVariants = false;
            walk.tryStep(walk.best.setting());
        }
        String method = folds ? FOLDS + "-fold cross-validation of the " + photos.size() + " training images"
                + (variants ? " (each fold trained with its photos' variants, where a trial used them)" : "")
                : "the validation split (" + validation.size() + " images)";
        HeadChoice choice = new HeadChoice(walk.best.setting(), method, walk.trials, walk.budgetReached,
                walk.best.variants());
        return new Result(choice, folds ? null : walk.bestHead);
    }

    /**
     * The next L2 down: a tenth for a hidden layer; for softmax regression, whose trials are cheap and whose accuracy
     * moves with L2 alone, the next of 1, 0.5, 0.2, 0.1, 0.05... (on Fashion-MNIST 0.002 scored 0.905 on the test set,
     * 0.003 and 0.001 0.904: docs/benchmarks.md).
     */
    static HeadSetting lessL2(HeadSetting s) {
        double next = s.l2() / 10;
        if (s.hiddenUnits() == 0) {
            double decade = Math.pow(10, Math.floor(Math.log10(s.l2()) + 1e-9));
            double mantissa = s.l2() / decade;
            next = mantissa >= 4 ? 2 * decade : mantissa >= 1.5 ? decade : 0.5 * decade;
            next = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.0e", next));
        }
        return next >= MIN_L2 ? s.withL2(next) : null;
    }

    /** The choice, and the chosen setting's head when the search trained it as the final one would be. */
    public record Result(HeadChoice choice, TrainedHead head) {
    }

    /** The walk's state: every trial, the best so far, the work spent. */
    private final class Walk {
        private final TrainingRows rows;
        private final LabelledFeatures all;
        private final LabelledFeatures validation;
        private final int classes;
        private final TrainingConfig config;
        private final JobMonitor monitor;
        private final Folds folds;
        private final List<HeadTrial> trials = new ArrayList<>();
        private final Map<Tried, HeadTrial> seen = new HashMap<>();
        /** Whether the next trials train with the photos' variants (always false without any). */
        private boolean withVariants;
        private HeadTrial best;
        private TrainedHead bestHead;
        private boolean budgetReached;
        private double spent;
        private double firstWork;

        Walk(TrainingRows rows, LabelledFeatures validation, int classes, TrainingConfig config,
             JobMonitor monitor, Folds folds) {
            this.rows = rows;
            this.all = rows.all();
            this.withVariants = !rows.variants().isEmpty();
            this.validation = validation;
            this.classes = classes;
            this.config = config;
            this.monitor = monitor;
            this.folds = folds;
        }

        /** Up to {@code max} steps of {@code step} from the best setting while each scores better; true if one did. */
        boolean steps(UnaryOperator<HeadSetting> step, int max) {
            boolean moved = false;
            for (int i = 0; i < max; i++) {
                HeadSetting next = step.apply(best.setting());
                if (next == null || !tryStep(next)) {
                    break;
                }
                moved = true;
            }
            return moved;
        }

        /**
         * Trains and scores {@code s} unless tried already, out of budget or nothing is left to gain; true when it is
         * the new best. The step to the photos alone runs whatever the budget (see the class comment).
         */
        boolean tryStep(HeadSetting given) {
            HeadSetting s = given.fitted(config.head().learningRate());
            boolean variantsStep = !withVariants && !rows.variants().isEmpty();
            if (seen.containsKey(new Tried(s, withVariants))) {
                return false;
            }
            if (!variantsStep && (budgetReached || (best != null && best.accuracy() == 1))) {
                return false;
            }
            // A trial starts only when one costing what the trials so far cost on average ends within the budget.
            double limit = relative ? budget * firstWork : budget;
            if (!variantsStep && best != null && spent + spent / trials.size() > limit) {
                budgetReached = true;
                return false;
            }
            monitor.checkCancelled();
            monitor.status("trying " + s.describe() + (withVariants ? ", with augmented variants" : ""));
            long t0 = System.currentTimeMillis();
            TrainingConfig c = config.withHead(s, config.autoHead());
            TrainedHead head = null;
            double correct = 0;
            double loss = 0;
            double epochs = 0;
            for (int f = 0; f < (folds == null ? 1 : folds.count()); f++) {
                LabelledFeatures in = folds != null ? folds.train(f, withVariants)
                        : withVariants ? all : rows.photos();
                LabelledFeatures out = folds == null ? validation : folds.heldOut(f);
                // On the validation split every trial on the same rows fits the same rows: a softmax step of the L2
                // ladder starts from the best softmax fit so far, which the new optimum is near (about half the
                // L-BFGS iterations).
                TrainedHead start = folds == null && s.hiddenUnits() == 0 && best != null
                        && best.setting().hiddenUnits() == 0 && best.variants() == withVariants ? bestHead : null;
                head = new HeadTrainer().train(in, out, classes, c, quiet(monitor), start);
                spent += SearchWork.of(head.history().size(), in, out, s, classes);
                correct += head.best().validationAccuracy() * out.size();
                loss += head.best().validationLoss() * out.size();
                epochs += head.bestEpoch();
            }
            int n = folds == null ? validation.size() : rows.photos().size();
            HeadTrial trial = new HeadTrial(s, correct / n, loss / n,
                    epochs / (folds == null ? 1 : folds.count()), System.currentTimeMillis() - t0, withVariants);
            trials.add(trial);
            seen.put(new Tried(s, withVariants), trial);
            if (trials.size() == 1) {
                firstWork = spent;
            }
            monitor.progress(trials.size(), 10);
            monitor.status(String.format("%s: accuracy %.3f", trial.describe(), trial.accuracy()));
            if (!trial.beats(best)) {
                return false;
            }
            best = trial;
            bestHead = head;
            return true;
        }
    }

    /** A setting as tried: with the photos' variants or on the photos alone. */
    private record Tried(HeadSetting setting, boolean variants) {
    }

    /** Lets a trial be cancelled but keeps its epochs and stages out of the run's own. */
    private static JobMonitor quiet(JobMonitor out) {
        return new ForwardingMonitor(JobMonitor.silent()) {
            @Override
            public boolean isCancelled() {
                return out.isCancelled();
            }
        };
    }
}
