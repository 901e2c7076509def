package dev.loupe.engine.training;

import dev.loupe.engine.util.NdArrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The head's probabilities for a fixed set of rows, as {@code net.output(x, false)} computes them, with the
 * intermediate arrays allocated once and row-major: training asks for them every epoch, and DL4J's output() allocates
 * them each time in column-major order, in which ND4J's matrix product ran at half speed here.
 */
final class HeadPredictor {

    private final List<LayerViews> layers;
    private final INDArray x;
    private final INDArray hidden;
    private final INDArray logits;

    HeadPredictor(MultiLayerNetwork net, INDArray x) {
        this.layers = LayerViews.params(net);
        this.x = x;
        this.hidden = layers.size() > 1 ? Nd4j.create(DataType.FLOAT, x.rows(), layers.get(0).weights().columns())
                : null;
        this.logits = Nd4j.create(DataType.FLOAT, x.rows(), layers.get(layers.size() - 1).weights().columns());
    }

    /** One row of class probabilities per row of x, with the network's current parameters. */
    float[][] probabilities() {
        INDArray in = x;
        if (hidden != null) {
            Nd4j.gemm(x, layers.get(0).weights(), hidden, false, false, 1.0, 0.0);
            hidden.addiRowVector(layers.get(0).bias());
            Nd4j.exec(new RectifiedLinear(hidden, hidden, 0.0));
            in = hidden;
        }
        LayerViews out = layers.get(layers.size() - 1);
        Nd4j.gemm(in, out.weights(), logits, false, false, 1.0, 0.0);
        logits.addiRowVector(out.bias());
        Nd4j.exec(new SoftMax(logits, logits));
        return NdArrays.toRows(logits);
    }
}
