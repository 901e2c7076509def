package dev.loupe.engine.training;

import dev.loupe.engine.util.NdArrays;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a head on feature vectors: softmax regression (no hidden layer) to convergence by {@link SoftmaxRegression},
 * a head with a hidden layer with mini-batch Adam ({@link MiniBatchAdam}, in place in the DL4J network), keeping
 * the best epoch's weights and stopping after {@code patience} epochs without progress ({@link EarlyStopping}). The training metrics are those of the epoch's own steps; only
 * the validation rows get a pass of their own.
 */
public final class HeadTrainer {

    private static final int MIN_STEPS = 4;

    public TrainedHead train(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
                             JobMonitor monitor) {
        return train(train, validation, classes, config, monitor, null);
    }

    /**
     * @param start for softmax regression, a softmax regression head fitted on the same training rows for L-BFGS to
     *              start from (the same optimum, nearer: {@link SoftmaxRegression}), or null; ignored for a hidden layer
     */
    TrainedHead train(LabelledFeatures train, LabelledFeatures validation, int classes, TrainingConfig config,
                      JobMonitor monitor, TrainedHead start) {
        Natives.limitBlasThreads();
        if (train.isEmpty()) {
            throw new IllegalArgumentException("No training images: add images to the class folders");
        }
        if (config.hiddenUnits() == 0) {
            return SoftmaxRegression.train(train, validation, classes, config, monitor, start);
        }
        FeatureScaler scaler = FeatureScaler.fit(train.x());
        int inputs = train.x()[0].length;
        float[] weights = config.classWeights() ? ClassWeights.inverseFrequency(train.y(), classes) : null;
        MultiLayerNetwork net = HeadNetworks.build(config, inputs, classes, weights);
        float[][] scaled = scaler.apply(train.x());
        MiniBatchAdam steps = new MiniBatchAdam(net, scaled, train.y(), classes, weights,
                batchSize(config, scaled.length));
        INDArray valX = validation.isEmpty() ? null : NdArrays.fromRows(scaler.apply(validation.x()), inputs);
        HeadPredictor valPredictor = valX == null ? null : new HeadPredictor(net, valX);
        Random shuffle = new Random(config.seed());
        List<EpochMetrics> history = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(net, config.patience());
        monitor.stage("Training");
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            monitor.checkCancelled();
            double[] trained = steps.epoch(permutation(scaled.length, shuffle), epoch - 1);
            float[][] valP = valX == null ? new float[0][] : valPredictor.probabilities();
            EpochMetrics m = new EpochMetrics(epoch, trained[0], trained[1], Losses.crossEntropy(valP, validation.y()),
                    Losses.accuracy(valP, validation.y()));
            history.add(m);
            monitor.partial(m);
            monitor.progress(epoch, config.epochs());
            monitor.status(String.format("epoch %d: loss %.3f, validation loss %.3f, validation accuracy %.3f",
                    epoch, m.trainLoss(), m.validationLoss(), m.validationAccuracy()));
            if (!stopping.carryOn(m)) {
                break;
            }
        }
        net.setIterationCount(steps.iterations());
        net.setEpochCount(history.size());
        int bestEpoch = stopping.restoreBest();
        double temperature = valX == null ? 1.0
                : TemperatureScaling.fit(NdArrays.toRows(net.output(valX, false)), validation.y());
        return new TrainedHead(net, scaler, history, bestEpoch, temperature);
    }

    /** 0..n-1 shuffled (Fisher-Yates): the epochs' order here and in fine-tuning ({@code TopBatches}). */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /**
     * The configured batch size, made smaller for tiny datasets so an epoch is at least {@value #MIN_STEPS} steps:
     * with 20 images and batches of 32, an epoch would be one step and training would crawl.
     */
    static int batchSize(TrainingConfig config, int examples) {
        return Math.max(1, Math.min(config.batchSize(), (examples + MIN_STEPS - 1) / MIN_STEPS));
    }

}
