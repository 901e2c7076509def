package dev.loupe.engine.finetune;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.management.ManagementFactory;

/**
 * Where a training step of the top goes: each layer's forward and backward pass timed alone on one batch (process
 * CPU, so ND4J's native threads count), beside a whole {@code fit} of the same batch, whose remainder is the
 * updater and DL4J's bookkeeping, and beside {@link TopStep}'s step of the same batch (what fine-tuning runs).
 */
final class LayerProfile {

    private static final int REPEATS = 10;

    private LayerProfile() {
    }

    static void run(ComputationGraph net, ProbeData.Part part, int batch, int classes) throws Exception {
        INDArray x = part.maps(null, 0, batch);
        INDArray labels = Nd4j.zeros(batch, classes);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, part.label(null, i), 1f);
        }
        DataSet data = new DataSet(x, labels);
        for (int i = 0; i < 3; i++) {
            net.fit(data);  // warm-up: allocations, the updater's state, JIT
        }
        long[] t = now();
        for (int i = 0; i < REPEATS; i++) {
            net.fit(data);
        }
        double[] fit = since(t);
        System.out.printf("whole fit of a batch of %d: %.1f ms CPU, %.1f ms wall%n", batch, fit[0], fit[1]);
        TopStep step = new TopStep(net);
        for (int i = 0; i < 3; i++) {
            step.fit(x, labels);
        }
        t = now();
        for (int i = 0; i < REPEATS; i++) {
            step.fit(x, labels);
        }
        double[] fast = since(t);
        System.out.printf("TopStep.fit of the same batch: %.1f ms CPU (%.2f a photo), %.1f ms wall; DL4J's fit: %.2f"
                + " ms CPU a photo%n", fast[0], fast[0] / batch, fast[1], fit[0] / batch);

        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray in = x;
        double[] sum = new double[2];
        for (int index : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[index];
            if (!v.hasLayer()) {
                continue;
            }
            Layer layer = v.getLayer();
            INDArray out = null;
            t = now();
            for (int i = 0; i < REPEATS; i++) {
                layer.setInput(in, mgr);
                out = layer.activate(true, mgr);
            }
            double[] forward = since(t);
            if (layer instanceof IOutputLayer o) {
                o.setLabels(labels);
            }
            INDArray epsilon = out.dup().assign(1e-3);
            t = now();
            for (int i = 0; i < REPEATS; i++) {
                layer.setInput(in, mgr);
                layer.activate(true, mgr);
                layer.backpropGradient(layer instanceof IOutputLayer ? null : epsilon, mgr);
            }
            double[] both = since(t);
            System.out.printf("%-28s %-24s %8s -> %-16s forward %6.1f ms CPU, backward %6.1f ms CPU"
                            + " (wall %.1f / %.1f)%n", v.getVertexName(), layer.getClass().getSimpleName(),
                    java.util.Arrays.toString(in.shape()), java.util.Arrays.toString(out.shape()), forward[0],
                    both[0] - forward[0], forward[1], both[1] - forward[1]);
            sum[0] += both[0];
            sum[1] += both[1];
            in = out;
        }
        System.out.printf("layers alone, forward + backward: %.1f ms CPU, %.1f ms wall; the rest of a fit"
                + " (updater, bookkeeping): %.1f ms CPU%n", sum[0], sum[1], fit[0] - sum[0]);
    }

    private static long[] now() {
        return new long[] {cpu(), System.nanoTime()};
    }

    /** Milliseconds per repeat since {@code t}: CPU, wall. */
    private static double[] since(long[] t) {
        return new double[] {(cpu() - t[0]) / 1e6 / REPEATS, (System.nanoTime() - t[1]) / 1e6 / REPEATS};
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
