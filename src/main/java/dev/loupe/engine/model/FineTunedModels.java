package dev.loupe.engine.model;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.training.FeatureScaler;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

/** A fine-tuned top made into a model bundle, which every runtime, export and the Classify pane then run whole. */
public final class FineTunedModels {

    private FineTunedModels() {
    }

    /**
     * The bundle of a trained top ({@link BackboneTop#trainable}, trained): its softmax layer
     * ({@link BackboneTop#HEAD}) as the head on unscaled features (an identity {@link FeatureScaler}, since
     * {@link BackboneTop#startHead} folds the linear head's scaling into the weights), and its convolutions written
     * back into the backbone as a {@link BackbonePatch}. Save it with {@link ModelFiles#save}; it is written as
     * format {@link ModelBundle#FORMAT_VERSION}. {@code manifest} names the backbone {@code top} was cut from and the
     * calibration temperature fitted on the top's outputs.
     */
    public static ModelBundle bundle(ModelManifest manifest, BackboneTop top, ComputationGraph trained)
            throws BackboneException {
        var softmax = trained.getLayer(BackboneTop.HEAD);
        long features = softmax.getParam("W").size(0);
        long classes = softmax.getParam("W").size(1);
        if (features != top.backbone().descriptor().featureDim() || classes != manifest.labels().size()) {
            throw new BackboneException("The trained top gives " + classes + " outputs from " + features
                    + " features, but the model has " + manifest.labels().size() + " labels and backbone "
                    + top.backbone().id() + " gives " + top.backbone().descriptor().featureDim() + " features");
        }
        MultiLayerNetwork head = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(features).nOut(classes)
                        .activation(Activation.SOFTMAX).build()).build());
        head.init();
        head.getLayer(0).setParam("W", softmax.getParam("W").dup());
        head.getLayer(0).setParam("b", softmax.getParam("b").dup().reshape(1, classes));
        float[] mean = new float[(int) features];
        float[] scale = new float[(int) features];
        Arrays.fill(scale, 1f);
        return new ModelBundle(manifest.withFormatVersion(ModelBundle.FORMAT_VERSION), new FeatureScaler(mean, scale),
                head, BackbonePatch.of(top, trained));
    }
}
