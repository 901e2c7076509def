package dev.loupe.engine.training;

import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.CoreBlocks;
import dev.loupe.engine.util.NdArrays;
import dev.loupe.engine.util.Vectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftmaxRegressionTest {

    /** Overlapping classes, so the fit is decided by the L2 and not by separating the rows. */
    private final LabelledFeatures train = Blobs.make(4, 60, 12, 2.5, 1);
    private final LabelledFeatures test = Blobs.make(4, 25, 12, 2.5, 2);
    private final TrainingConfig config = new TrainingConfig("x", 200, 0.003, 0, 0, 0.01, 20, 42, 15, 32, false, 0);

    @Test
    void gradientIsTheObjectivesSlope() {
        float[] classWeights = {0.5f, 1f, 2f, 1.5f};
        SoftmaxObjective f = new SoftmaxObjective(NdArrays.fromRows(train.x(), 12), train.y(), classWeights, 4, 0.03);
        double[] point = new double[f.getDimension()];
        Random r = new Random(3);
        for (int i = 0; i < point.length; i++) {
            point[i] = r.nextGaussian() * 0.3;
        }
        double[] gradient = f.gradientAt(point);
        double h = 1e-3;
        for (int i = 0; i < point.length; i += 7) {
            double[] up = point.clone();
            double[] down = point.clone();
            up[i] += h;
            down[i] -= h;
            double slope = (f.valueAt(up) - f.valueAt(down)) / (2 * h);
            assertThat(gradient[i]).as("parameter %d", i).isCloseTo(slope, org.assertj.core.data.Offset.offset(2e-3));
        }
    }

    /** From 2,000 rows the objective cuts them in a block a core, computed side by side: the same value and slope. */
    @Test
    void theObjectiveIsTheMeanCrossEntropyPlusL2AlsoWithTheRowsInBlocks() {
        LabelledFeatures many = Blobs.make(4, 600, 12, 2.5, 5);
        float[] classWeights = {0.5f, 1f, 2f, 1.5f};
        SoftmaxObjective f = new SoftmaxObjective(NdArrays.fromRows(many.x(), 12), many.y(), classWeights, 4, 0.03);
        INDArray[] blocks = SoftmaxObjective.blocks(NdArrays.fromRows(many.x(), 12));
        assertThat(blocks).hasSize(CoreBlocks.cores());
        assertThat(Arrays.stream(blocks).mapToLong(INDArray::rows).sum()).isEqualTo(many.size());
        double[] point = new double[f.getDimension()];
        Random r = new Random(4);
        for (int i = 0; i < point.length; i++) {
            point[i] = r.nextGaussian() * 0.3;
        }
        double loss = 0;
        double penalty = 0;
        for (int i = 0; i < many.size(); i++) {
            double[] logits = new double[4];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 4; c++) {
                logits[c] = point[48 + c];
                for (int j = 0; j < 12; j++) {
                    logits[c] += many.x()[i][j] * point[c * 12 + j];
                }
                max = Math.max(max, logits[c]);
            }
            double sum = 0;
            for (int c = 0; c < 4; c++) {
                sum += Math.exp(logits[c] - max);
            }
            loss -= classWeights[many.y()[i]] * (logits[many.y()[i]] - max - Math.log(sum));
        }
        for (int i = 0; i < 48; i++) {
            penalty += point[i] * point[i];
        }
        assertThat(f.valueAt(point)).isCloseTo(loss / many.size() + 0.03 / 2 * penalty,
                org.assertj.core.data.Offset.offset(1e-4));
        double[] gradient = f.gradientAt(point);
        double h = 1e-3;
        for (int i = 0; i < point.length; i += 5) {
            double[] up = point.clone();
            double[] down = point.clone();
            up[i] += h;
            down[i] -= h;
            double slope = (f.valueAt(up) - f.valueAt(down)) / (2 * h);
            assertThat(gradient[i]).as("parameter %d", i).isCloseTo(slope, org.assertj.core.data.Offset.offset(2e-3));
        }
    }

    /** The search's L2 ladder starts each fit from the previous one: it must end where a fit from zero ends. */
    @Test
    void aFitStartedFromAnotherL2sFitEndsWhereAFitFromZeroEnds() {
        LabelledFeatures none = new LabelledFeatures(new float[0][], new int[0]);
        TrainingConfig weaker = config.withHead(config.head().withL2(0.002), false);
        TrainedHead previous = SoftmaxRegression.train(train, none, 4, config, JobMonitor.silent());
        TrainedHead cold = SoftmaxRegression.train(train, none, 4, weaker, JobMonitor.silent());
        TrainedHead warm = SoftmaxRegression.train(train, none, 4, weaker, JobMonitor.silent(), previous);
        float[][] pc = NdArrays.toRows(cold.network().output(NdArrays.fromRows(cold.scaler().apply(test.x()), 12),
                false));
        float[][] pw = NdArrays.toRows(warm.network().output(NdArrays.fromRows(warm.scaler().apply(test.x()), 12),
                false));
        // Both stop at OpenNLP's relative gain of 1e-4, from different sides: as far apart as a fit and scikit-learn's.
        int sameTop = 0;
        for (int i = 0; i < pc.length; i++) {
            sameTop += Vectors.argmax(pw[i]) == Vectors.argmax(pc[i]) ? 1 : 0;
            for (int k = 0; k < 4; k++) {
                assertThat(pw[i][k]).isCloseTo(pc[i][k], org.assertj.core.data.Offset.offset(0.03f));
            }
        }
        assertThat(sameTop).as("test rows with the same top class").isGreaterThanOrEqualTo(pc.length * 98 / 100);
    }

    @Test
    void fitsWhatScikitLearnsLogisticRegressionFits(@TempDir Path dir) throws Exception {
        FeatureScaler scaler = FeatureScaler.fit(train.x());
        float[][] trainX = scaler.apply(train.x());
        float[][] testX = scaler.apply(test.x());
        write(dir.resolve("train.csv"), trainX, train.y());
        write(dir.resolve("test.csv"), testX, test.y());
        double c = 1.0 / (train.size() * config.l2());
        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/softmax_reference.py", dir.toString(),
                Double.toString(c)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("the reference needs Debian's python3-sklearn (as .ci/run installs): " + output).isTrue();
        float[][] reference = read(dir.resolve("probabilities.csv"));

        TrainedHead head = SoftmaxRegression.train(train, new LabelledFeatures(new float[0][], new int[0]), 4, config,
                JobMonitor.silent());
        float[][] ours = NdArrays.toRows(head.network().output(NdArrays.fromRows(head.scaler().apply(test.x()), 12),
                false));
        double worst = 0;
        int sameTop = 0;
        for (int i = 0; i < ours.length; i++) {
            for (int k = 0; k < 4; k++) {
                worst = Math.max(worst, Math.abs(ours[i][k] - reference[i][k]));
            }
            sameTop += Vectors.argmax(ours[i]) == Vectors.argmax(reference[i]) ? 1 : 0;
        }
        // OpenNLP stops at a relative gain of 1e-4, scikit-learn here at 1e-10: 0.019 apart at most when measured.
        assertThat(worst).as("largest difference in a test row's probability").isLessThan(0.03);
        assertThat(sameTop).as("test rows with the same top class").isGreaterThanOrEqualTo(ours.length * 98 / 100);
    }

    @Test
    void theFitDoesNotDependOnTheRowOrder() {
        int n = train.size();
        float[][] x = new float[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = train.x()[n - 1 - i];
            y[i] = train.y()[n - 1 - i];
        }
        LabelledFeatures none = new LabelledFeatures(new float[0][], new int[0]);
        TrainedHead a = SoftmaxRegression.train(train, none, 4, config, JobMonitor.silent());
        TrainedHead b = SoftmaxRegression.train(new LabelledFeatures(x, y), none, 4, config, JobMonitor.silent());
        float[][] pa = NdArrays.toRows(a.network().output(NdArrays.fromRows(a.scaler().apply(test.x()), 12), false));
        float[][] pb = NdArrays.toRows(b.network().output(NdArrays.fromRows(b.scaler().apply(test.x()), 12), false));
        for (int i = 0; i < pa.length; i++) {
            for (int k = 0; k < 4; k++) {
                assertThat(pb[i][k]).isCloseTo(pa[i][k], org.assertj.core.data.Offset.offset(2e-3f));
            }
        }
    }

    @Test
    void reportsEachIterationAsAnEpochAndKeepsTheLast() {
        HeadTrainerTest.RecordingMonitor monitor = new HeadTrainerTest.RecordingMonitor();
        TrainedHead head = new HeadTrainer().train(train, test, 4, config, monitor);
        assertThat(head.history()).isEqualTo(monitor.epochs);
        assertThat(head.bestEpoch()).isEqualTo(head.history().size());
        assertThat(head.history().get(head.history().size() - 1).trainLoss())
                .isLessThan(head.history().get(0).trainLoss());
        assertThat(head.best().validationAccuracy()).isGreaterThan(0.5);
    }

    @Test
    void cancelStopsTheFit() {
        HeadTrainerTest.RecordingMonitor monitor = new HeadTrainerTest.RecordingMonitor();
        monitor.cancelAfter = 2;
        assertThatThrownBy(() -> new HeadTrainer().train(train, test, 4, config, monitor))
                .isInstanceOf(CancelledException.class);
        assertThat(monitor.epochs).hasSizeLessThanOrEqualTo(3);
    }

    private static void write(Path file, float[][] x, int[] y) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            StringBuilder line = new StringBuilder().append(y[i]);
            for (float v : x[i]) {
                line.append(',').append(v);
            }
            lines.add(line.toString());
        }
        Files.write(file, lines);
    }

    private static float[][] read(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            String[] parts = l.split(",");
            float[] row = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                row[i] = Float.parseFloat(parts[i]);
            }
            return row;
        }).toArray(float[][]::new);
    }
}
