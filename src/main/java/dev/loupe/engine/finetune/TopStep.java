package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.util.Natives;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A training step of the top ({@link BackboneTop#trainable}) as plain matrix products and libnd4j's depthwise op on
 * channels-last maps ({@link TopLayer}), two to three times cheaper than DL4J's {@code fit} of the same graph
 * (docs/benchmarks.md): the
 * gradients are written into the graph's own gradient views and applied by its own updater (Adam, its schedule, the
 * weight decay, the division by the batch size), exactly as {@code fit} applies them, so the graph stays the model
 * that is saved, patched into the backbone and exported; only the arithmetic of the forward and backward passes is
 * done here. Each step also hands back the probabilities it computed before updating, which the epoch's training
 * accuracy and loss need anyway. Each batch is cut in two halves ({@link TopLane}), run on two threads: ND4J's
 * operations run on one thread each ({@code OMP_NUM_THREADS=1}), so this is what keeps two cores busy.
 */
final class TopStep implements AutoCloseable {

    /** A batch of fewer rows (an epoch's last batch can hold one) runs on the first lane alone. */
    private static final int SPLIT_FROM = 2;

    private final ComputationGraph net;
    private final DefaultGradient gradient;
    private final INDArray flatGradients;
    /** The first lane writes into the graph's gradient views, the second into its own array, added to them. */
    private final TopLane first;
    private final TopLane second;
    private final INDArray secondGradients;
    private ExecutorService secondThread;  // made at the first batch, so a run that fails before has none to stop
    private INDArray headW;
    private INDArray classWeights;

    TopStep(ComputationGraph net) throws BackboneException {
        Natives.limitBlasThreads();  // one BLAS thread a lane, where no launcher set OMP_NUM_THREADS
        this.net = net;
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        flatGradients = net.getFlattenedGradients();
        gradient = new DefaultGradient(flatGradients);
        first = lane(flatGradients);
        secondGradients = Nd4j.zeros(flatGradients.dataType(), flatGradients.shape());
        second = lane(secondGradients);
        // Adam's state made here, not at the first step: the steps run in a workspace (TopBatches) that it must outlive.
        net.getUpdater();
    }

    /**
     * The top's layers with their gradients in {@code flat}, laid out as the graph's flattened gradients; registers
     * the graph's own views with the updater's gradient when {@code flat} is the graph's.
     */
    private TopLane lane(INDArray flat) throws BackboneException {
        List<TopLayer> layers = new ArrayList<>();
        Layer head = null;
        Map<String, INDArray> headGrads = null;
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[index];
            if (!v.hasLayer()) {
                continue;
            }
            Layer layer = v.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            Map<String, INDArray> grads = conf.initializer().getGradientsFromFlattened(layer.conf(),
                    view(layer.getGradientsViewArray(), flat));
            if (flat == flatGradients) {
                grads.forEach((param, view) -> gradient.setGradientFor(v.getVertexName() + "_" + param, view));
            }
            if (conf instanceof OutputLayer out) {
                if (!(out.getActivationFn() instanceof ActivationSoftmax && out.getLossFn() instanceof LossMCXENT)) {
                    throw unsupported(v.getVertexName(), "an output layer other than softmax with cross-entropy");
                }
                head = layer;
                headGrads = grads;
                classWeights = ((LossMCXENT) out.getLossFn()).getWeights();
            } else if (conf instanceof DepthwiseConvolution2D dw) {
                layers.add(depthwise(v.getVertexName(), dw, layer.paramTable(), grads));
                activation(layers, dw);
            } else if (conf instanceof ConvolutionLayer conv) {
                if (conv.getKernelSize()[0] != 1 || conv.getKernelSize()[1] != 1 || conv.getStride()[0] != 1
                        || conv.getStride()[1] != 1 || conv.getConvolutionMode() != ConvolutionMode.Same
                        && (conv.getPadding()[0] != 0 || conv.getPadding()[1] != 0)) {
                    throw unsupported(v.getVertexName(), "a convolution other than 1x1 with stride 1");
                }
                layers.add(new TopLayer.Pointwise(layer.paramTable(), grads));
                activation(layers, conv);
            } else if (conf instanceof ActivationLayer act) {
                layers.add(new TopLayer.Activation(act.getActivationFn()));
            } else if (conf instanceof ZeroPaddingLayer zp) {
                layers.add(new TopLayer.Pad(zp.getPadding()));
            } else if (conf instanceof GlobalPoolingLayer gp && gp.getPoolingType() == PoolingType.AVG) {
                layers.add(new TopLayer.AveragePool());
            } else {
                throw unsupported(v.getVertexName(), conf.getClass().getSimpleName());
            }
        }
        if (head == null) {
            throw unsupported("(none)", "a top without a softmax layer");
        }
        headW = head.getParam("W");
        return new TopLane(layers, headW, head.getParam("b"), headGrads.get("W"), headGrads.get("b"), classWeights);
    }

    /** The part of {@code flat} that {@code graphView} (a layer's part of the graph's gradients, or null) is. */
    private INDArray view(INDArray graphView, INDArray flat) {
        if (graphView == null || flat == flatGradients) {
            return graphView;
        }
        long from = graphView.offset() - flatGradients.offset();
        return flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(from, from + graphView.length()));
    }

    /** The top's probabilities [N, classes] for cut maps [N, C, H, W], as {@code net.outputSingle(false, x)}. */
    INDArray output(INDArray nchw) {
        long n = nchw.size(0);
        if (n < SPLIT_FROM) {
            return first.output(nchw);
        }
        INDArray p = Nd4j.create(headW.dataType(), n, headW.size(1));
        inTwo(n, (lane, rows) -> p.get(rows, NDArrayIndex.all()).assign(lane.output(nchw.get(maps(rows)))));
        return p;
    }

    /**
     * One step of the graph's updater on a batch: returns the probabilities before the step. {@code labels} one-hot
     * [N, classes].
     */
    INDArray fit(INDArray nchw, INDArray labels) {
        INDArray p = gradients(nchw, labels);
        ComputationGraphUpdater updater = net.getUpdater();
        updater.update(gradient, BaseOptimizer.getIterationCount(net), BaseOptimizer.getEpochCount(net),
                (int) nchw.size(0), LayerWorkspaceMgr.noWorkspaces());
        INDArray params = net.params();
        params.subi(net.getFlattenedGradients().reshape(params.shape()));
        BaseOptimizer.incrementIterationCount(net, 1);
        return p;
    }

    /**
     * The forward and backward passes alone: the graph's gradient views hold the gradients of the summed
     * cross-entropy, as DL4J's {@code computeGradientAndScore} leaves them; returns the probabilities. The batch's
     * first and second halves run on two threads, and their gradients are added: the same sums in another order,
     * the same on every machine (a machine with one core runs both halves, one after the other).
     */
    INDArray gradients(INDArray nchw, INDArray labels) {
        long n = nchw.size(0);
        if (n < SPLIT_FROM) {
            return first.gradients(nchw, labels);
        }
        INDArray p = Nd4j.create(headW.dataType(), n, headW.size(1));
        inTwo(n, (lane, rows) -> p.get(rows, NDArrayIndex.all())
                .assign(lane.gradients(nchw.get(maps(rows)), labels.get(rows, NDArrayIndex.all()))));
        flatGradients.addi(secondGradients);
        return p;
    }

    /** Stops the second lane's thread and frees its arrays. */
    @Override
    public void close() {
        if (secondThread == null) {
            return;
        }
        secondThread.submit(() -> Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread());
        secondThread.shutdown();
    }

    private interface Work {
        void run(TopLane lane, INDArrayIndex rows);
    }

    /**
     * Runs the first half of {@code n} rows on the calling thread and the second on the lane thread, in a workspace
     * of that thread's own (what it makes is copied out before it ends: probabilities into the caller's, gradients
     * into the lane's own array); returns when both are done.
     */
    private void inTwo(long n, Work work) {
        long half = (n + 1) / 2;
        if (secondThread == null) {
            secondThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "loupe-top-lane");
                t.setDaemon(true);
                return t;
            });
        }
        Future<?> other = secondThread.submit(() -> {
            try (MemoryWorkspace arrays = Nd4j.getWorkspaceManager().getAndActivateWorkspace(TopBatches.STEP,
                    TopBatches.STEP_NAME)) {
                work.run(second, NDArrayIndex.interval(half, n));
            }
        });
        try {
            work.run(first, NDArrayIndex.interval(0, half));
        } finally {
            join(other);  // even when the first half failed: the second still reads the caller's arrays
        }
    }

    private static void join(Future<?> other) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    other.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The given rows of a batch of maps [N, C, H, W]. */
    private static INDArrayIndex[] maps(INDArrayIndex rows) {
        return new INDArrayIndex[] {rows, NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
    }

    private TopLayer depthwise(String name, DepthwiseConvolution2D dw, Map<String, INDArray> params,
                               Map<String, INDArray> grads) throws BackboneException {
        int[] k = dw.getKernelSize();
        int[] s = dw.getStride();
        int[] d = dw.getDilation();
        if (dw.getDepthMultiplier() != 1 || d[0] != 1 || d[1] != 1) {
            throw unsupported(name, "a depthwise convolution with a multiplier or dilation");
        }
        boolean same = dw.getConvolutionMode() == ConvolutionMode.Same;
        if (!same && dw.getConvolutionMode() != ConvolutionMode.Truncate) {
            throw unsupported(name, "a depthwise convolution in mode " + dw.getConvolutionMode());
        }
        return new TopLayer.Depthwise(params, grads, k, s, same ? new int[2] : dw.getPadding(), same);
    }

    /** A convolution's own activation, when it has one (MobileNet's have none: ReLU6 is a layer of its own). */
    private static void activation(List<TopLayer> layers, BaseLayer conv) {
        if (!(conv.getActivationFn() instanceof ActivationIdentity)) {
            layers.add(new TopLayer.Activation(conv.getActivationFn()));
        }
    }

    private static BackboneException unsupported(String vertex, String what) {
        return new BackboneException("Fine-tuning cannot train " + what + " (vertex " + vertex + ")");
    }
}
