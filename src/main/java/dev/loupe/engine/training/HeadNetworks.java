package dev.loupe.engine.training;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Builds the DL4J head network a {@link TrainingConfig} describes. */
final class HeadNetworks {

    private HeadNetworks() {
    }

    /**
     * @param weights per-class loss weights, or null for none
     */
    static MultiLayerNetwork build(TrainingConfig config, int inputs, int classes, float[] weights) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.learningRate()))
                .l2(config.l2())
                .weightInit(WeightInit.XAVIER)
                .list();
        int outputInputs = inputs;
        if (config.hiddenUnits() > 0) {
            layers.layer(new DenseLayer.Builder().nIn(inputs).nOut(config.hiddenUnits())
                    .activation(Activation.RELU).build());
            outputInputs = config.hiddenUnits();
        }
        LossMCXENT loss = weights == null ? new LossMCXENT() : new LossMCXENT(Nd4j.create(weights));
        OutputLayer.Builder output = new OutputLayer.Builder(loss).nIn(outputInputs).nOut(classes)
                .activation(Activation.SOFTMAX);
        if (config.dropout() > 0) {
            // DL4J's dropOut takes the probability of keeping a unit.
            output.dropOut(1.0 - config.dropout());
        }
        MultiLayerConfiguration conf = layers.layer(output.build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
