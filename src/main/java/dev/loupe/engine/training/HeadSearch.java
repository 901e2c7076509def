package dev.loupe.engine.training;

import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Chooses a head's settings by the data: starting from the config's, it walks one setting at a time (L2, softmax
 * regression, L2 further, a wider layer, dropout, the learning rate) to its neighbours and keeps a step only when
 * held-out images score it better ({@link HeadTrial#beats}), so the chosen setting is always the best one tried. Each trial is a whole
 * {@link HeadTrainer} run with early stopping, so the number of epochs is chosen too.
 *
 * <p>Settings are scored on the validation split, or, when it is small (under {@value #KFOLD_BELOW} training images)
 * or absent, by {@value #FOLDS}-fold cross-validation on the training split, which leaves the validation split to
 * measure the final model. The walk is the same every run, and so is where it ends: its budget counts work
 * ({@link SearchWork}: the epochs each trial ran, times the rows and features they touched), never time, and is
 * checked before each trial, so a busy machine stops at the same trial as a quiet one and the same data and seed give
 * the same model. No trial starts that would, at the mean cost of the trials before it, end past the budget. The
 * choice says when the budget ended the walk.
 */
public final class HeadSearch {

    static final int FOLDS = 3;
    static final int KFOLD_BELOW = 500;
    /** Below this many training images the folds would hold a few images each: the config's settings are kept. */
    static final int MIN_IMAGES = 3 * FOLDS;
    private static final double MIN_L2 = 1e-5;

    /**
     * The default budget, in trainings of the starting setting: the L2 step, softmax regression and often a third
     * step fit, and a retrain costs at most about this many times its training with the settings as given
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
        return search(train, train, validation, classes, config, monitor);
    }

    /**
     * @param photos the training photos without their augmented variants: folds are made of these, since a variant
     *               in training with its photo held out would score a setting on what it has nearly seen
     * @return the choice, and the head of the chosen setting when it was trained on {@code train} and early-stopped
     *         on {@code validation} (scored on the validation split), else null: train it then
     */
    public Result search(LabelledFeatures train, LabelledFeatures photos, LabelledFeatures validation, int classes,
                         TrainingConfig config, JobMonitor monitor) {
        boolean folds = validation.size() == 0 || photos.size() < KFOLD_BELOW;
        if (photos.size() < MIN_IMAGES) {
            return new Result(new HeadChoice(config.head(), "too few training images to compare settings", List.of(),
                    false), null);
        }
        monitor.stage("Choosing head settings");
        Walk walk = new Walk(folds ? photos : train, validation, classes, config, monitor,
                folds ? new Folds(photos, classes, FOLDS) : null);
        HeadSetting start = config.head();
        UnaryOperator<HeadSetting> lessL2 = s -> s.l2() / 10 >= MIN_L2 ? s.withL2(s.l2() / 10) : null;
        walk.tryStep(start);
        // The two steps that have gained most (L2 on Fashion-MNIST, softmax regression on small sets) come first,
        // so a small budget still tries both; then L2 further down, wider, less dropout, another learning rate.
        walk.steps(lessL2, 1);
        walk.steps(s -> s.hiddenUnits() > 0 ? s.withHidden(0).withDropout(0) : null, 1);
        walk.steps(lessL2, 2);
        walk.steps(s -> s.hiddenUnits() > 0 ? s.withHidden(s.hiddenUnits() * 2) : null, 1);
        walk.steps(s -> s.hiddenUnits() > 0 && s.dropout() > 0 ? s.withDropout(s.dropout() >= 0.4 ? s.dropout() / 2 : 0)
                : null, 2);
        if (!walk.steps(s -> s.withLearningRate(s.learningRate() / 3), 1)) {
            walk.steps(s -> s.learningRate() * 3 < 0.1 ? s.withLearningRate(s.learningRate() * 3) : null, 1);
        }
        String method = folds ? FOLDS + "-fold cross-validation of the " + photos.size() + " training images"
                : "the validation split (" + validation.size() + " images)";
        HeadChoice choice = new HeadChoice(walk.best.setting(), method, walk.trials, walk.budgetReached);
        return new Result(choice, folds ? null : walk.bestHead);
    }

    /** The choice, and the chosen setting's head when the search trained it as the final one would be. */
    public record Result(HeadChoice choice, TrainedHead head) {
    }

    /** The walk's state: every trial, the best so far, the work spent. */
    private final class Walk {
        private final LabelledFeatures train;
        private final LabelledFeatures validation;
        private final int classes;
        private final TrainingConfig config;
        private final JobMonitor monitor;
        private final Folds folds;
        private final List<HeadTrial> trials = new ArrayList<>();
        private final Map<HeadSetting, HeadTrial> seen = new HashMap<>();
        private HeadTrial best;
        private TrainedHead bestHead;
        private boolean budgetReached;
        private double spent;
        private double firstWork;

        Walk(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
             JobMonitor monitor, Folds folds) {
            this.train = train;
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

        /** Trains and scores {@code s} unless tried already or out of time; true when it is the new best. */
        boolean tryStep(HeadSetting s) {
            if (seen.containsKey(s) || budgetReached) {
                return false;
            }
            // A trial starts only when one costing what the trials so far cost on average ends within the budget.
            double limit = relative ? budget * firstWork : budget;
            if (best != null && spent + spent / trials.size() > limit) {
                budgetReached = true;
                return false;
            }
            monitor.checkCancelled();
            monitor.status("trying " + s.describe());
            long t0 = System.currentTimeMillis();
            TrainingConfig c = config.withHead(s, config.autoHead());
            TrainedHead head = null;
            double correct = 0;
            double loss = 0;
            double epochs = 0;
            for (int f = 0; f < (folds == null ? 1 : folds.count()); f++) {
                LabelledFeatures in = folds == null ? train : folds.train(f);
                LabelledFeatures out = folds == null ? validation : folds.heldOut(f);
                head = new HeadTrainer().train(in, out, classes, c, new Quiet(monitor));
                spent += SearchWork.of(head.history().size(), in, out, s, classes);
                correct += head.best().validationAccuracy() * out.size();
                loss += head.best().validationLoss() * out.size();
                epochs += head.bestEpoch();
            }
            int n = folds == null ? validation.size() : train.size();
            HeadTrial trial = new HeadTrial(s, correct / n, loss / n,
                    epochs / (folds == null ? 1 : folds.count()), System.currentTimeMillis() - t0);
            trials.add(trial);
            seen.put(s, trial);
            if (trials.size() == 1) {
                firstWork = spent;
            }
            monitor.progress(trials.size(), 10);
            monitor.status(String.format("%s: accuracy %.3f", s.describe(), trial.accuracy()));
            if (!trial.beats(best)) {
                return false;
            }
            best = trial;
            bestHead = head;
            return true;
        }
    }

    /** Lets a trial be cancelled but keeps its epochs and stages out of the run's own. */
    private record Quiet(JobMonitor out) implements JobMonitor {
        @Override public void stage(String name) { }
        @Override public void progress(long done, long total) { }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public void partial(dev.loupe.engine.jobs.Partial record) { }
        @Override public boolean isCancelled() { return out.isCancelled(); }
    }
}
