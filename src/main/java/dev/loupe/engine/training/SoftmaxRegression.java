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
 *
 * <p>A fit can start from another fit's parameters on the same rows ({@link HeadSearch}'s L2 ladder starts each step
 * from the best fit so far): the optimum is the same, only nearer. {@link QNMinimizer} always starts at the origin, so
 * the objective is shifted to put the start there.
 */
final class SoftmaxRegression {

    static final int MAX_ITERATIONS = HeadSetting.LBFGS_MAX_ITERATIONS;
    /** L-BFGS's memory: the number of recent steps its curvature estimate is built from (OpenNLP's default). */
    private static final int MEMORY = QNMinimizer.M_DEFAULT;

    private SoftmaxRegression() {
    }

    static TrainedHead train(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
                             JobMonitor monitor) {
        return train(train, validation, classes, config, monitor, null);
    }

    /** @param start a softmax regression head fitted on the same training rows to start from, or null (zeros) */
    static TrainedHead train(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
                             JobMonitor monitor, TrainedHead start) {
        FeatureScaler scaler = FeatureScaler.fit(train.x());
        int inputs = train.x()[0].length;
        float[] weights = config.classWeights() ? ClassWeights.inverseFrequency(train.y(), classes) : null;
        INDArray x = NdArrays.fromRows(scaler.apply(train.x()), inputs);
        INDArray valX = validation.isEmpty() ? null : NdArrays.fromRows(scaler.apply(validation.x()), inputs);
        SoftmaxObjective objective = new SoftmaxObjective(x, train.y(), weights, classes, config.l2());
        monitor.stage(HeadSetting.LBFGS_STAGE);
        double[] origin = start == null ? new double[objective.getDimension()] : parameters(start);
        Progress watched = new Progress(objective, origin, valX, validation, train.y(), monitor);
        double[] step = new QNMinimizer(0, 0, MAX_ITERATIONS, MEMORY, Integer.MAX_VALUE).minimize(watched);
        double[] solution = watched.shifted(step);
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

    private static double[] parameters(TrainedHead head) {
        float[] p = head.network().params().dup('c').data().asFloat();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i];
        }
        return out;
    }

    /**
     * The objective as L-BFGS sees it, shifted so that its origin is the start, reporting each iteration's figures
     * as an epoch's and letting it be cancelled.
     */
    private static final class Progress implements Function {
        private final SoftmaxObjective objective;
        private final double[] origin;
        private final INDArray[] valX;
        private final LabelledFeatures validation;
        private final int[] y;
        private final JobMonitor monitor;
        private final List<EpochMetrics> history = new ArrayList<>();
        private double[] reported;

        Progress(SoftmaxObjective objective, double[] origin, INDArray valX, LabelledFeatures validation, int[] y,
                 JobMonitor monitor) {
            this.objective = objective;
            this.origin = origin;
            this.valX = valX == null ? null : SoftmaxObjective.blocks(valX);
            this.validation = validation;
            this.y = y;
            this.monitor = monitor;
        }

        double[] shifted(double[] step) {
            double[] point = origin.clone();
            for (int i = 0; i < point.length; i++) {
                point[i] += step[i];
            }
            return point;
        }

        @Override
        public int getDimension() {
            return objective.getDimension();
        }

        @Override
        public double valueAt(double[] step) {
            monitor.checkCancelled();
            return objective.valueAt(shifted(step));
        }

        /** The line search asks for a gradient once per iteration, at the point it accepted. */
        @Override
        public double[] gradientAt(double[] step) {
            double[] point = shifted(step);
            double[] gradient = objective.gradientAt(point);
            reportIfNew(point);
            return gradient;
        }

        /**
         * The iteration's figures: training loss and accuracy from the probabilities the objective already has,
         * the validation split's from one product (an eighth of an iteration's work at a 20% split).
         */
        void reportIfNew(double[] point) {
            if (reported != null && Arrays.equals(reported, point)) {
                return;
            }
            reported = point.clone();
            int classes = objective.classes();
            float[] valP = valX == null ? new float[0]
                    : SoftmaxObjective.probabilities(valX, point, objective.inputs(), classes);
            EpochMetrics m = new EpochMetrics(history.size() + 1, objective.dataLoss(point),
                    Losses.accuracy(objective.probabilities(point), classes, y),
                    Losses.crossEntropy(valP, classes, validation.y()), Losses.accuracy(valP, classes, validation.y()));
            history.add(m);
            monitor.partial(m);
            monitor.progress(history.size(), MAX_ITERATIONS);
            monitor.status(String.format("iteration %d: loss %.3f, validation loss %.3f, validation accuracy %.3f",
                    m.epoch(), m.trainLoss(), m.validationLoss(), m.validationAccuracy()));
        }
    }
}
