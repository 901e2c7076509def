package dev.loupe.engine.training;

import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
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
 * than the arithmetic at thousands of small steps (issue 5). {@code MiniBatchAdamTest} holds it to fit()'s results.
 */
final class MiniBatchAdam {

    private final List<LayerViews> layers;
    private final List<LayerViews> grads;
    private final FloatBuffer nativeParams;
    private final FloatBuffer nativeGradient;
    private final float[] javaParams;
    private final float[] javaGradient;
    private final FusedAdam adam;
    /** Probability of keeping a unit of the output layer's input; 1 for no dropout. */
    private final double keep;
    private final ShuffledBatches batches;
    private int iteration;

    /**
     * @param x            features, one row per example
     * @param classWeights loss weight per class, or null for none
     */
    MiniBatchAdam(MultiLayerNetwork net, INDArray x, int[] y, int classes, float[] classWeights, int batchSize) {
        INDArray params = net.params();
        INDArray gradient = Nd4j.create(DataType.FLOAT, params.shape());
        this.layers = LayerViews.params(net);
        this.grads = LayerViews.like(net, gradient);
        this.nativeParams = params.data().asNioFloat();
        this.nativeGradient = gradient.data().asNioFloat();
        this.javaParams = params.toFloatVector();
        this.javaGradient = new float[javaParams.length];
        this.adam = adam(net, layers, javaParams.length);
        for (int i = 0; i < layers.size() - 1; i++) {
            if (net.getLayer(i).conf().getLayer().getIDropout() != null) {
                throw new IllegalStateException("Dropout is supported on the output layer's input only");
            }
        }
        this.keep = keepProbability(net.getLayer(layers.size() - 1).conf().getLayer().getIDropout());
        long hidden = layers.size() > 1 ? layers.get(0).weights().size(1) : 0;
        this.batches = new ShuffledBatches(x, y, classes, classWeights, batchSize, hidden, keep < 1);
        this.iteration = net.getIterationCount();
    }

    /** One pass over the examples in the given order; the last batch may be smaller. */
    void epoch(int[] order, int epoch) {
        batches.shuffle(order);
        for (ShuffledBatches.Batch b : batches.all()) {
            step(b, epoch);
        }
    }

    int iterations() {
        return iteration;
    }

    private void step(ShuffledBatches.Batch b, int epoch) {
        LayerViews out = layers.get(layers.size() - 1);
        LayerViews outGrad = grads.get(grads.size() - 1);
        INDArray in = b.x();
        if (layers.size() > 1) {
            Nd4j.gemm(in, layers.get(0).weights(), b.hidden(), false, false, 1.0, 0.0);
            b.hidden().addiRowVector(layers.get(0).bias());
            Nd4j.exec(new RectifiedLinear(b.hidden(), b.hidden(), 0.0));
            in = b.hidden();
        }
        if (keep < 1) {
            // DL4J's Dropout, op for op, from the same generator (the thread's, seeded by net.init()): the masks
            // are the ones fit() would have drawn, so a seed gives the same model as it did with fit().
            Nd4j.getExecutioner().exec(new DropOutInverted(b.mask().assign(1.0), b.mask(), keep));
            Nd4j.exec(new MulOp(in, b.mask(), b.dropped()));
            in = b.dropped();
        }
        INDArray delta = b.output();
        Nd4j.gemm(in, out.weights(), delta, false, false, 1.0, 0.0);
        delta.addiRowVector(out.bias());
        Nd4j.exec(new SoftMax(delta, delta));
        // d(weighted cross-entropy)/d(logits) for one-hot labels: w_y * (p - onehot), averaged over the batch.
        delta.muliColumnVector(b.rowWeights()).subi(b.weightedTargets()).divi(b.rows());
        Nd4j.gemm(in, delta, outGrad.weights(), true, false, 1.0, 0.0);
        delta.sum(outGrad.bias(), 0);
        if (layers.size() > 1) {
            INDArray back = b.hiddenGradient();
            Nd4j.gemm(delta, out.weights(), back, false, true, 1.0, 0.0);
            if (keep < 1) {
                back.muli(b.mask());
            }
            Nd4j.exec(new RectifiedLinearDerivative(b.hidden(), back, back));
            Nd4j.gemm(b.x(), back, grads.get(0).weights(), true, false, 1.0, 0.0);
            back.sum(grads.get(0).bias(), 0);
        }
        // The update runs on Java copies: see FusedAdam for why. Copying 1.3 MB each way costs ~0.1 ms.
        nativeGradient.get(0, javaGradient);
        adam.step(javaParams, javaGradient, iteration, epoch);
        nativeParams.put(0, javaParams);
        iteration++;
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
