package dev.loupe.engine.training;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.FixedSchedule;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch training of a head network in place, in the network's own parameter array, with every buffer allocated
 * once. It does what {@code net.fit(batch)} does for the networks {@link HeadNetworks} builds (dense ReLU layer,
 * inverted dropout on the output layer's input, weighted softmax cross-entropy averaged over the batch, L2 on the
 * weights added to the gradient, Adam) but without fit()'s per-step allocations and bookkeeping, which cost far more
 * than the arithmetic at thousands of small steps (issue 5). Dropout masks come from {@link DropoutMasks}, not DL4J's
 * generator; {@code MiniBatchAdamTest} gives fit() the same masks and holds this class to fit()'s results.
 * The parameters are kept in a Java array and written to the network after every step, so nothing else may change
 * the network's parameters while it trains (reading them, as the per-epoch metrics do, is fine).
 */
final class MiniBatchAdam {

    private final List<LayerViews> layers;
    private final FloatBuffer nativeParams;
    private final float[] params;
    private final float[] gradient;
    private final FusedAdam adam;
    /** Probability of keeping a unit of the output layer's input; 1 for no dropout. */
    private final double keep;
    private final DropoutMasks masks;
    private final ShuffledBatches batches;
    private final SoftmaxOutput output;
    private final int inputs;
    private final int hidden;
    /**
     * Gradient of the hidden layer's weights, transposed: hidden x inputs row-major is inputs x hidden column-major,
     * the layout of their slice of the flat parameters. ND4J's product into a row-major array ran twice as fast.
     */
    private final INDArray hiddenWeightGradient;
    private final FloatBuffer hiddenWeightGradientMemory;
    /** Java scratch rows x units: the output layer's input, the dropout mask, their product, a gradient. */
    private final float[] activations;
    private final float[] mask;
    private final float[] dropped;
    private final float[] activationGradient;
    private int iteration;

    /**
     * @param x            features, one row per example
     * @param classWeights loss weight per class, or null for none
     */
    MiniBatchAdam(MultiLayerNetwork net, float[][] x, int[] y, int classes, float[] classWeights, int batchSize) {
        INDArray flat = net.params();
        if (flat.offset() != 0) {
            // The layer views' offsets and the bulk copies below count from the start of the buffer.
            throw new IllegalStateException("Expected the network's own parameter array, not a view");
        }
        this.layers = LayerViews.params(net);
        this.nativeParams = flat.data().asNioFloat();
        this.params = flat.toFloatVector();
        this.gradient = new float[params.length];
        this.adam = adam(net, layers, params.length);
        for (int i = 0; i < layers.size() - 1; i++) {
            if (net.getLayer(i).conf().getLayer().getIDropout() != null) {
                throw new IllegalStateException("Dropout is supported on the output layer's input only");
            }
        }
        this.keep = keepProbability(net.getLayer(layers.size() - 1).conf().getLayer().getIDropout());
        this.inputs = x[0].length;
        this.hidden = layers.size() > 1 ? (int) layers.get(0).weights().size(1) : 0;
        int rows = Math.min(batchSize, y.length);
        this.batches = new ShuffledBatches(x, y, classWeights, rows, hidden);
        // Seeded like the network (the config's seed), so a seed still gives the same model.
        this.masks = keep < 1 ? new DropoutMasks(net.getLayerWiseConfigurations().getConfs().get(0).getSeed(), keep)
                : null;
        int outputInputs = hidden > 0 ? hidden : inputs;
        LayerViews out = layers.get(layers.size() - 1);
        this.output = new SoftmaxOutput(outputInputs, classes, (int) out.weights().offset(),
                (int) out.bias().offset(), rows);
        this.hiddenWeightGradient = hidden > 0 ? Nd4j.create(DataType.FLOAT, hidden, inputs) : null;
        this.hiddenWeightGradientMemory = hidden > 0 ? hiddenWeightGradient.data().asNioFloat() : null;
        this.activations = new float[rows * outputInputs];
        this.mask = keep < 1 ? new float[rows * outputInputs] : null;
        this.dropped = keep < 1 ? new float[rows * outputInputs] : null;
        this.activationGradient = hidden > 0 ? new float[rows * hidden] : null;
        this.iteration = net.getIterationCount();
    }

    /**
     * One pass over the examples in the given order; the last batch may be smaller.
     *
     * @return the epoch's training loss and accuracy: each batch scored, without dropout, by the parameters it was
     *         about to update (as Keras reports them, but without dropout's noise)
     */
    double[] epoch(int[] order, int epoch) {
        batches.shuffle(order);
        double[] sums = new double[2];
        int rows = 0;
        for (ShuffledBatches.Batch b : batches.all()) {
            step(b, epoch, sums);
            rows += b.rows();
        }
        return new double[] {sums[0] / rows, sums[1] / rows};
    }

    int iterations() {
        return iteration;
    }

    private void step(ShuffledBatches.Batch b, int epoch, double[] sums) {
        int n = b.rows() * (hidden > 0 ? hidden : inputs);
        if (hidden > 0) {
            Nd4j.gemm(b.x(), layers.get(0).weights(), b.hidden().array(), false, false, 1.0, 0.0);
            b.hidden().buffer().get(0, activations, 0, n);
            addBiasAndRelu(b.rows());
        } else {
            b.xMemory().get(0, activations, 0, n);
        }
        output.score(activations, b.rows(), batches.labels(), b.start(), params, sums);
        float[] in = activations;
        if (keep < 1) {
            masks.fill(mask, n);
            for (int i = 0; i < n; i++) {
                dropped[i] = activations[i] * mask[i];
            }
            in = dropped;
        }
        output.backprop(in, b.rows(), batches.labels(), batches.weights(), b.start(), params, gradient,
                activationGradient);
        if (hidden > 0) {
            backpropHidden(b, n);
        }
        adam.step(params, gradient, iteration, epoch);
        nativeParams.put(0, params);
        iteration++;
    }

    /** activations = relu(activations + b), the bias read from the Java parameters. */
    private void addBiasAndRelu(int rows) {
        int bias = (int) layers.get(0).bias().offset();
        for (int r = 0; r < rows; r++) {
            int row = r * hidden;
            for (int i = 0; i < hidden; i++) {
                activations[row + i] = Math.max(0f, activations[row + i] + params[bias + i]);
            }
        }
    }

    /** Through dropout and ReLU to the hidden layer's bias (in Java) and weights (one native product). */
    private void backpropHidden(ShuffledBatches.Batch b, int n) {
        int bias = (int) layers.get(0).bias().offset();
        java.util.Arrays.fill(gradient, bias, bias + hidden, 0f);
        for (int row = 0; row < n; row += hidden) {
            for (int i = 0; i < hidden; i++) {
                float g = activations[row + i] > 0 ? activationGradient[row + i] : 0f;
                g = keep < 1 ? g * mask[row + i] : g;
                activationGradient[row + i] = g;
                gradient[bias + i] += g;
            }
        }
        b.hiddenGradient().buffer().put(0, activationGradient, 0, n);
        Nd4j.gemm(b.hiddenGradient().array(), b.x(), hiddenWeightGradient, true, false, 1.0, 0.0);
        hiddenWeightGradientMemory.get(0, gradient, (int) layers.get(0).weights().offset(), inputs * hidden);
    }

    /** The network's updater and L2 as a {@link FusedAdam}; anything HeadNetworks does not build is refused. */
    private static FusedAdam adam(MultiLayerNetwork net, List<LayerViews> layers, int length) {
        List<FusedAdam.Segment> segments = new ArrayList<>();
        IUpdater updater = null;
        for (int i = 0; i < layers.size(); i++) {
            BaseLayer conf = (BaseLayer) net.getLayer(i).conf().getLayer();
            for (String key : List.of(DefaultParamInitializer.WEIGHT_KEY, DefaultParamInitializer.BIAS_KEY)) {
                IUpdater u = conf.getUpdaterByParam(key);
                if (!(u instanceof Adam) || (updater != null && !updater.equals(u))) {
                    throw new IllegalStateException("Expected one Adam updater for all parameters, found " + u);
                }
                updater = u;
                INDArray view = key.equals(DefaultParamInitializer.WEIGHT_KEY) ? layers.get(i).weights()
                        : layers.get(i).bias();
                segments.add(new FusedAdam.Segment((int) view.offset(), (int) (view.offset() + view.length()),
                        l2(conf.getRegularizationByParam(key))));
            }
        }
        return new FusedAdam((Adam) updater, length, segments.toArray(FusedAdam.Segment[]::new));
    }

    private static double keepProbability(IDropout dropout) {
        if (dropout == null) {
            return 1.0;
        }
        if (!(dropout instanceof Dropout d) || d.getPSchedule() != null) {
            throw new IllegalStateException("Only DL4J's Dropout with a fixed probability is supported, found " + dropout);
        }
        return d.getP();
    }

    private static double l2(List<Regularization> regularizations) {
        double l2 = 0;
        for (Regularization r : regularizations) {
            if (!(r instanceof L2Regularization l) || !(l.getL2() instanceof FixedSchedule)) {
                throw new IllegalStateException("Only a fixed L2 is supported, found " + r);
            }
            l2 += l.getL2().valueAt(0, 0);
        }
        return l2;
    }
}
