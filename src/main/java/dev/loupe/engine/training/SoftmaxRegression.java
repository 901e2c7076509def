package dev.loupe.engine.training;

import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.NdArrays;
import opennlp.tools.ml.maxent.quasinewton.Function;
import opennlp.tools.ml.maxent.quasinewton.QNMinimizer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Softmax regression (a head with no hidden layer) fitted to convergence by L-BFGS on the whole training split, with
 * Apache OpenNLP's {@link QNMinimizer}, instead of by mini-batch Adam with early stopping. Its loss is convex, so the
 * fit has one answer for given data, L2 and class weights: no learning rate, batch, dropout or epoch count to choose,
 * and no noise from where the early stopping fell. That answer is what scikit-learn's logistic regression finds, the
 * reference of docs/benchmarks.md, and a retrain with a few more labels moves it only as far as the labels do (the
 * inbox's suggestions, docs/labelling.md). OpenNLP stops when an iteration gains less than 1e-4 of the objective:
 * on Fashion-MNIST's 47,899 training rows at L2 0.01 that took 31 iterations. Each iteration is reported as an
 * {@link EpochMetrics} (one pass over every row) under the stage {@link HeadSetting#LBFGS_STAGE}, so that the studio and
 * the command line call them iterations, and the last is the one kept.
 */
final class SoftmaxRegression {


    static final int MAX_ITERATIONS = HeadSetting.LBFGS_MAX_ITERATIONS;
    /** L-BFGS's memory: the number of recent steps its curvature estimate is built from (OpenNLP's default). */
    private static final int MEMORY = QNMinimizer.M_DEFAULT;

    private SoftmaxRegression() {
    }

    static TrainedHead train(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
                             JobMonitor monitor) {
        FeatureScaler scaler = FeatureScaler.fit(train.x());
        int inputs = train.x()[0].length;
        float[] weights = config.classWeights() ? ClassWeights.inverseFrequency(train.y(), classes) : null;
        INDArray x = NdArrays.fromRows(scaler.apply(train.x()), inputs);
        INDArray valX = validation.isEmpty() ? null : NdArrays.fromRows(scaler.apply(validation.x()), inputs);
        SoftmaxObjective objective = new SoftmaxObjective(x, train.y(), weights, classes, config.l2());
        monitor.stage(HeadSetting.LBFGS_STAGE);
        Progress watched = new Progress(objective, valX, validation, train.y(), monitor);
        double[] solution = new QNMinimizer(0, 0, MAX_ITERATIONS, MEMORY, Integer.MAX_VALUE).minimize(watched);
        watched.reportIfNew(solution);
        List<EpochMetrics> history = watched.history;
        MultiLayerNetwork net = HeadNetworks.build(config.withHead(config.head().withDropout(0), false), inputs,
                classes, weights);
        float[] params = new float[solution.length];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) solution[i];
        }
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        net.setEpochCount(history.size());
        double temperature = valX == null ? 1.0
                : TemperatureScaling.fit(NdArrays.toRows(net.output(valX, false)), validation.y());
        return new TrainedHead(net, scaler, history, history.size(), temperature);
    }

    /** The objective as L-BFGS sees it, reporting each iteration's figures as an epoch's and letting it be cancelled. */
    private static final class Progress implements Function {
        private final SoftmaxObjective objective;
        private final INDArray valX;
        private final LabelledFeatures validation;
        private final int[] y;
        private final JobMonitor monitor;
        private final List<EpochMetrics> history = new ArrayList<>();
        private double[] reported;

        Progress(SoftmaxObjective objective, INDArray valX, LabelledFeatures validation, int[] y, JobMonitor monitor) {
            this.objective = objective;
            this.valX = valX;
            this.validation = validation;
            this.y = y;
            this.monitor = monitor;
        }

        @Override
        public int getDimension() {
            return objective.getDimension();
        }

        @Override
        public double valueAt(double[] point) {
            monitor.checkCancelled();
            return objective.valueAt(point);
        }

        /** The line search asks for a gradient once per iteration, at the point it accepted. */
        @Override
        public double[] gradientAt(double[] point) {
            double[] gradient = objective.gradientAt(point);
            reportIfNew(point);
            return gradient;
        }

        void reportIfNew(double[] point) {
            if (reported != null && Arrays.equals(reported, point)) {
                return;
            }
            reported = point.clone();
            int classes = objective.classes();
            float[][] trainP = rows(objective.probabilities(point), classes);
            float[][] valP = valX == null ? new float[0][]
                    : rows(SoftmaxObjective.probabilities(valX, point, objective.inputs(), classes), classes);
            EpochMetrics m = new EpochMetrics(history.size() + 1, objective.dataLoss(point),
                    Losses.accuracy(trainP, y), Losses.crossEntropy(valP, validation.y()),
                    Losses.accuracy(valP, validation.y()));
            history.add(m);
            monitor.partial(m);
            monitor.progress(history.size(), MAX_ITERATIONS);
            monitor.status(String.format("iteration %d: loss %.3f, validation loss %.3f, validation accuracy %.3f",
                    m.epoch(), m.trainLoss(), m.validationLoss(), m.validationAccuracy()));
        }
    }

    private static float[][] rows(float[] flat, int classes) {
        float[][] out = new float[flat.length / classes][];
        for (int r = 0; r < out.length; r++) {
            out[r] = Arrays.copyOfRange(flat, r * classes, (r + 1) * classes);
        }
        return out;
    }
}
