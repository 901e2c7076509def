package dev.loupe.engine.training;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadSearchTest {

    private static final double NO_LIMIT = Double.MAX_VALUE;
    private final TrainingConfig config = TrainingConfig.defaults().withEpochs(60);

    @Test
    void choosesTheSettingWithTheBestValidationScoreOfThoseTried() {
        // Noisy, overlapping classes: settings differ, and the walk has to pick between them.
        LabelledFeatures train = Blobs.make(4, 150, 24, 3.0, 1);
        LabelledFeatures validation = Blobs.make(4, 60, 24, 3.0, 2);
        HeadSearch.Result r = new HeadSearch(NO_LIMIT).search(train, validation, 4, config, JobMonitor.silent());
        HeadChoice choice = r.choice();
        assertThat(choice.trials()).hasSizeGreaterThan(3);
        double max = choice.trials().stream().mapToDouble(HeadTrial::accuracy).max().orElseThrow();
        assertThat(choice.best().accuracy()).isEqualTo(max);
        double lowestLossAtMax = choice.trials().stream().filter(t -> t.accuracy() == max)
                .mapToDouble(HeadTrial::loss).min().orElseThrow();
        assertThat(choice.best().loss()).isEqualTo(lowestLossAtMax);
        // Scored on the validation split: the head handed back is the chosen one, its score the one measured.
        assertThat(choice.method()).contains("validation split (240 images)");
        assertThat(r.head().best().validationAccuracy()).isEqualTo(choice.best().accuracy());
        assertThat(r.head().network().getnLayers()).isEqualTo(choice.chosen().hiddenUnits() > 0 ? 2 : 1);
        assertThat(choice.reason()).startsWith(choice.chosen().describe()).contains("best of " + choice.trials().size());
    }

    @Test
    void onALinearlySeparableSetItPicksASettingThatSeparatesTheValidationImages() {
        LabelledFeatures train = separable(600, 1);
        LabelledFeatures validation = separable(200, 2);
        HeadChoice choice = new HeadSearch(NO_LIMIT).search(train, validation, 3, config, JobMonitor.silent()).choice();
        assertThat(choice.best().accuracy()).isEqualTo(1.0);
        assertThat(choice.trials().stream().mapToDouble(HeadTrial::accuracy).max().orElseThrow()).isEqualTo(1.0);
        // Nothing can score better than every image right: the walk stops at the first setting that does, and says so.
        assertThat(choice.trials().get(choice.trials().size() - 1)).isSameAs(choice.best());
        assertThat(choice.budgetReached()).isFalse();
        assertThat(choice.reason()).contains("every held-out image right, so the search stopped there");
    }

    @Test
    void smallDatasetsAreScoredByFoldsOfTheTrainingImagesLeavingValidationAlone() {
        LabelledFeatures train = Blobs.make(3, 40, 16, 1.5, 3);
        LabelledFeatures validation = Blobs.make(3, 10, 16, 1.5, 4);
        HeadSearch.Result r = new HeadSearch(NO_LIMIT).search(train, validation, 3, config, JobMonitor.silent());
        assertThat(r.choice().method()).isEqualTo("3-fold cross-validation of the 120 training images");
        assertThat(r.head()).isNull();
        double max = r.choice().trials().stream().mapToDouble(HeadTrial::accuracy).max().orElseThrow();
        assertThat(r.choice().best().accuracy()).isEqualTo(max);
    }

    @Test
    void foldsTrainOnTheVariantsOfTheirTrainingPhotosAndTheChoiceIsTheBestFoldScore() {
        // Noisy photos; each photo's variants are clean points of its class (Blobs share their centres by class),
        // so a fold that trains on its photos' variants scores visibly better than one on the photos alone.
        LabelledFeatures photos = Blobs.make(4, 30, 24, 5.0, 21);
        LabelledFeatures clean = Blobs.make(4, 60, 24, 0.3, 22);
        int[] of = new int[clean.size()];
        for (int i = 0; i < of.length; i++) {
            of[i] = i % photos.size();
        }
        TrainingRows rows = new TrainingRows(photos, clean, of);
        LabelledFeatures validation = Blobs.make(4, 10, 24, 5.0, 23);
        HeadSearch.Result with = new HeadSearch(NO_LIMIT).search(rows, validation, 4, config, JobMonitor.silent());
        HeadSearch.Result without = new HeadSearch(NO_LIMIT).search(photos, validation, 4, config,
                JobMonitor.silent());

        assertThat(with.choice().method()).isEqualTo("3-fold cross-validation of the 120 training images"
                + " (each fold trained with its photos' variants, where a trial used them)");
        assertThat(with.head()).isNull();
        assertThat(with.choice().trials().get(0).accuracy())
                .isGreaterThan(without.choice().trials().get(0).accuracy() + 0.05);
        assertChoiceIsTheBestMeasured(with.choice());
        // Here the variants help, and the search keeps them because they scored better on the same held-out photos.
        assertThat(with.choice().variants()).isTrue();
        assertVariantsChosenByTheirScore(with.choice());
    }

    @Test
    void variantsThatHurtAreLeftOutBecauseThePhotosAloneScoredBetter() {
        // Each photo's "variants" are points of the next class's cluster under the photo's label: training on them
        // blurs the classes, so the photos alone must score better on the held-out photos, and the search says so.
        LabelledFeatures photos = Blobs.make(4, 30, 24, 1.5, 41);
        LabelledFeatures next = Blobs.make(4, 60, 24, 0.5, 42);
        float[][] x = new float[next.size()][];
        int[] y = new int[next.size()];
        int[] of = new int[next.size()];
        for (int i = 0; i < x.length; i++) {
            of[i] = i % photos.size();
            y[i] = photos.y()[of[i]];
            x[i] = next.x()[(i / 4) * 4 + (y[i] + 1) % 4];
        }
        TrainingRows rows = new TrainingRows(photos, new LabelledFeatures(x, y), of);
        TrainingConfig asked = config.withAugmentations(2);
        LabelledFeatures validation = Blobs.make(4, 10, 24, 1.5, 43);
        HeadChoice choice = HeadSearch.ofTrainings(HeadSearch.DEFAULT_TRAININGS).search(rows, validation, 4, asked,
                JobMonitor.silent()).choice();

        assertThat(choice.variants()).isFalse();
        assertChoiceIsTheBestMeasured(choice);
        assertVariantsChosenByTheirScore(choice);
        assertThat(choice.reason()).startsWith(choice.chosen().describe() + ": accuracy")
                .contains(", with augmented variants, ");
        // The final head trains as it was scored: on the photos alone, and the run records no augmentation.
        ChosenHead head = ChosenHead.train(rows, validation, 4, asked.withHead(asked.head(), true), JobMonitor.silent());
        assertThat(head.choice().variants()).isFalse();
        assertThat(head.config().augmentations()).isZero();
    }

    /**
     * The last trial is the chosen setting on the photos alone; the search kept the variants exactly when the chosen
     * setting scored better with them than without (the lower loss breaking a tie in accuracy).
     */
    private static void assertVariantsChosenByTheirScore(HeadChoice choice) {
        HeadTrial alone = choice.trials().get(choice.trials().size() - 1);
        assertThat(alone.variants()).isFalse();
        assertThat(alone.setting()).isEqualTo(choice.chosen());
        HeadTrial with = choice.trials().stream().filter(t -> t.variants() && t.setting().equals(choice.chosen()))
                .findFirst().orElseThrow();
        assertThat(choice.variants()).isEqualTo(with.beats(alone));
        assertThat(choice.best()).isSameAs(choice.variants() ? with : alone);
        // The run says whether the variants were used, and the two scores that decided it.
        String said = String.format("augmented variants %s: %.3f with them, %.3f without",
                choice.variants() ? "kept" : "left out", with.accuracy(), alone.accuracy());
        assertThat(choice.augmentation()).contains(said);
        assertThat(choice.reason()).contains(said);
    }

    @Test
    void aFoldNeverTrainsOnAVariantOfAPhotoItHoldsOut() {
        // Labels at random: nothing generalises, so held-out photos score near chance (1/3) unless a fold trained on
        // their variants, near copies it can memorise, which would score near 1.
        LabelledFeatures blobs = Blobs.make(3, 40, 64, 1.0, 31);
        Random r = new Random(32);
        int[] y = new int[blobs.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(3);
        }
        TrainingRows rows = FoldsTest.withVariants(new LabelledFeatures(blobs.x(), y), 2);
        HeadChoice choice = HeadSearch.ofTrainings(HeadSearch.DEFAULT_TRAININGS).search(rows, Blobs.make(3, 5, 64,
                1.0, 33), 3, config, JobMonitor.silent()).choice();
        // The default budget tries the hidden layer and softmax regression: both must score honestly.
        assertThat(choice.trials().stream().map(t -> t.setting().hiddenUnits() > 0).distinct()).hasSize(2);
        assertThat(choice.trials()).allSatisfy(t -> assertThat(t.accuracy()).isLessThan(0.55));
        assertChoiceIsTheBestMeasured(choice);
    }

    /** The chosen setting is the trial with the best held-out accuracy, the lowest loss breaking a tie. */
    private static void assertChoiceIsTheBestMeasured(HeadChoice choice) {
        double max = choice.trials().stream().mapToDouble(HeadTrial::accuracy).max().orElseThrow();
        double lowestLossAtMax = choice.trials().stream().filter(t -> t.accuracy() == max)
                .mapToDouble(HeadTrial::loss).min().orElseThrow();
        assertThat(choice.best().accuracy()).isEqualTo(max);
        assertThat(choice.best().loss()).isEqualTo(lowestLossAtMax);
        assertThat(choice.chosen()).isEqualTo(choice.best().setting());
        assertThat(choice.variants()).isEqualTo(choice.best().variants());
    }

    @Test
    void theSameDataGiveTheSameChoice() {
        LabelledFeatures train = Blobs.make(3, 40, 16, 2.0, 5);
        LabelledFeatures validation = Blobs.make(3, 10, 16, 2.0, 6);
        HeadChoice a = new HeadSearch(NO_LIMIT).search(train, validation, 3, config, JobMonitor.silent()).choice();
        HeadChoice b = new HeadSearch(NO_LIMIT).search(train, validation, 3, config, JobMonitor.silent()).choice();
        assertThat(b.chosen()).isEqualTo(a.chosen());
        assertThat(b.trials().stream().map(HeadTrial::accuracy).toList())
                .isEqualTo(a.trials().stream().map(HeadTrial::accuracy).toList());
    }

    @Test
    void theBudgetEndsTheWalkAfterTheFirstTrialAndSaysSo() {
        // Overlapping classes: a setting that got every image right would end the walk before the budget did.
        LabelledFeatures train = Blobs.make(3, 40, 16, 3.0, 7);
        HeadChoice choice = new HeadSearch(0).search(train, Blobs.make(3, 10, 16, 3.0, 8), 3, config,
                JobMonitor.silent()).choice();
        assertThat(choice.trials()).hasSize(1);
        assertThat(choice.chosen()).isEqualTo(config.head());
        assertThat(choice.budgetReached()).isTrue();
        assertThat(choice.reason()).contains("stopped at its budget of training work");
    }

    /**
     * The CI failure behind the search being off by default: its budget was wall time, so a busy machine stopped the
     * walk sooner than a quiet one and the same data and seed gave another model. Here one run is made about ten
     * times slower (every epoch's cancellation check sleeps, as a loaded machine would stall it) under a budget that
     * ends the walk part-way: with a budget of time the slow run would stop after its first trial; with one of work
     * both must stop at the same trial and hand back the same head, weight for weight.
     */
    @Test
    void aSlowMachineStopsAtTheSameTrialAndGivesTheSameHead() {
        LabelledFeatures train = Blobs.make(4, 150, 24, 3.0, 1);
        LabelledFeatures validation = Blobs.make(4, 60, 24, 3.0, 2);
        TrainedHead first = new HeadTrainer().train(train, validation, 4, config, JobMonitor.silent());
        // Since softmax's L2 steps start from the previous fit they cost less: 2.2 starts' work now runs 3 of the 4
        // trials (2.0 runs 2, 2.5 all 4).
        double budget = 2.2 * SearchWork.of(first.history().size(), train, validation, config.head(), 4);
        HeadSearch.Result quiet = new HeadSearch(budget).search(train, validation, 4, config, JobMonitor.silent());
        HeadSearch.Result slow = new HeadSearch(budget).search(train, validation, 4, config, new Stalling(30));

        int all = new HeadSearch(NO_LIMIT).search(train, validation, 4, config, JobMonitor.silent()).choice()
                .trials().size();
        assertThat(quiet.choice().budgetReached()).isTrue();
        assertThat(quiet.choice().trials()).hasSizeBetween(2, all - 1);
        assertThat(slow.choice().trials().stream().map(HeadTrial::setting).toList())
                .isEqualTo(quiet.choice().trials().stream().map(HeadTrial::setting).toList());
        assertThat(slow.choice().trials().stream().map(HeadTrial::accuracy).toList())
                .isEqualTo(quiet.choice().trials().stream().map(HeadTrial::accuracy).toList());
        assertThat(slow.choice().chosen()).isEqualTo(quiet.choice().chosen());
        assertThat(slow.choice().budgetReached()).isTrue();
        assertThat(slow.head().bestEpoch()).isEqualTo(quiet.head().bestEpoch());
        assertThat(slow.head().network().params().toFloatVector())
                .containsExactly(quiet.head().network().params().toFloatVector());
    }

    @Test
    void softmaxSettingsThatDifferOnlyInDropoutOrLearningRateAreOneFitTriedOnce() {
        // Softmax regression given with the default dropout: the walk's softmax step (dropout 0) is the same fit.
        TrainingConfig softmax = config.withHead(new HeadSetting(0, 0.5, 1e-2, 3e-3), true);
        HeadChoice choice = new HeadSearch(NO_LIMIT).search(Blobs.make(4, 150, 24, 3.0, 1), Blobs.make(4, 60, 24,
                3.0, 2), 4, softmax, JobMonitor.silent()).choice();
        assertThat(choice.trials()).allSatisfy(t -> {
            assertThat(t.setting().hiddenUnits()).isZero();
            assertThat(t.setting().dropout()).isZero();
            assertThat(t.setting().learningRate()).isEqualTo(3e-3);
        });
        assertThat(choice.trials().stream().map(t -> t.setting().l2()).distinct().count())
                .isEqualTo(choice.trials().size()).isGreaterThan(1);
        assertThat(choice.chosen()).isEqualTo(choice.best().setting());
    }

    @Test
    void theDefaultBudgetTriesSoftmaxRegressionRightAfterTheStartingSetting() {
        HeadChoice choice = HeadSearch.ofTrainings(HeadSearch.DEFAULT_TRAININGS).search(Blobs.make(4, 150, 24, 3.0, 1),
                Blobs.make(4, 60, 24, 3.0, 2), 4, config, JobMonitor.silent()).choice();
        assertThat(choice.trials().get(0).setting()).isEqualTo(config.head());
        assertThat(choice.trials().get(1).setting()).isEqualTo(new HeadSetting(0, 0, config.l2(),
                config.learningRate()));
    }

    @Test
    void softmaxL2StepsDownByAFinerLadderThanAHiddenLayers() {
        HeadSetting s = new HeadSetting(0, 0, 1e-2, 3e-3);
        List<Double> ladder = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            s = HeadSearch.lessL2(s);
            ladder.add(s.l2());
        }
        assertThat(ladder).containsExactly(5e-3, 2e-3, 1e-3, 5e-4);
        assertThat(HeadSearch.lessL2(config.head()).l2()).isEqualTo(1e-3);
        assertThat(HeadSearch.lessL2(new HeadSetting(0, 0, 1e-5, 3e-3))).isNull();
    }

    @Test
    void tooFewImagesKeepTheGivenSettings() {
        HeadChoice choice = new HeadSearch(NO_LIMIT).search(Blobs.make(2, 3, 8, 1.0, 9), Blobs.make(2, 1, 8, 1.0, 10),
                2, config, JobMonitor.silent()).choice();
        assertThat(choice.trials()).isEmpty();
        assertThat(choice.chosen()).isEqualTo(config.head());
    }

    @Test
    void cancellingStopsTheSearch() {
        HeadTrainerTest.RecordingMonitor cancelled = new HeadTrainerTest.RecordingMonitor();
        cancelled.cancelAfter = 0;
        assertThatThrownBy(() -> new HeadSearch(NO_LIMIT).search(Blobs.make(3, 40, 16, 1.0, 11),
                Blobs.make(3, 10, 16, 1.0, 12), 3, config, cancelled)).isInstanceOf(CancelledException.class);
    }

    /** A machine busy with other work: every epoch of every trial waits {@code millis} before it runs. */
    private record Stalling(long millis) implements JobMonitor {
        @Override public void stage(String name) { }
        @Override public void progress(long done, long total) { }
        @Override public void status(String message) { }
        @Override public void warning(String message) { }
        @Override public void partial(dev.loupe.engine.jobs.Partial record) { }

        @Override
        public boolean isCancelled() {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /**
     * Three classes split by two fixed hyperplanes through 32-d Gaussian points, keeping only points at least 0.3 from
     * both: a linear head can get every image right, with margins small enough that heavy L2 does not.
     */
    private static LabelledFeatures separable(int n, long seed) {
        Random r = new Random(seed);
        Random w = new Random(99);
        float[][] planes = new float[2][32];
        for (float[] p : planes) {
            for (int j = 0; j < p.length; j++) {
                p[j] = (float) (w.nextGaussian() / Math.sqrt(p.length));
            }
        }
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; ) {
            float[] v = new float[32];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) r.nextGaussian();
            }
            double a = dot(planes[0], v);
            double b = dot(planes[1], v);
            if (Math.abs(a) < 0.3 || Math.abs(b) < 0.3 || (a < 0 && b > 0)) {
                continue;
            }
            x[i] = v;
            y[i++] = a < 0 ? 0 : (b < 0 ? 1 : 2);
        }
        return new LabelledFeatures(x, y);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
