package dev.loupe.engine.coreml;

import CoreML.Specification.DataStructures.StringVector;
import CoreML.Specification.FeatureTypes.DictionaryFeatureType;
import CoreML.Specification.FeatureTypes.FeatureType;
import CoreML.Specification.FeatureTypes.ImageFeatureType;
import CoreML.Specification.FeatureTypes.StringFeatureType;
import CoreML.Specification.ModelOuterClass.FeatureDescription;
import CoreML.Specification.ModelOuterClass.Metadata;
import CoreML.Specification.ModelOuterClass.Model;
import CoreML.Specification.ModelOuterClass.ModelDescription;
import CoreML.Specification.NeuralNetworkOuterClass.NeuralNetworkClassifier;
import CoreML.Specification.NeuralNetworkOuterClass.NeuralNetworkImageScaler;
import CoreML.Specification.NeuralNetworkOuterClass.NeuralNetworkPreprocessing;
import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.util.AppInfo;

import java.util.List;

/**
 * A whole trained classifier as a Core ML model ({@code .mlmodel}): a neural-network classifier whose input is an
 * image ({@value #INPUT}, the network's size, RGB or BGR as the network was trained) and whose outputs are the most
 * probable label ({@value #LABEL}) and every label's calibrated probability ({@value #PROBABILITIES}). The pixel
 * scaling is Core ML's image preprocessing (scale and per-channel bias); resizing is the app's, as the input spec's
 * fit says (Vision's {@code .scaleFill} stretches, {@code .centerCrop} crops the centre). Specification version 1: the
 * layers every Core ML runs.
 */
public final class CoremlExport {

    public static final String INPUT = "image";
    public static final String LABEL = "classLabel";
    public static final String PROBABILITIES = "classLabelProbs";
    public static final int SPECIFICATION_VERSION = 1;

    private CoremlExport() {
    }

    /** The model's bytes, translated from the graph of the ONNX export (one walk of the DL4J network). */
    public static byte[] model(ModelBundle model, Backbone backbone) {
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        OnnxModelView view = OnnxExporter.classifierView(backbone.graph(), spec, null, model.scaler(), model.head(),
                model.manifest().temperature(), model.labels(), backbone.id());
        return model(view, spec, model.labels(), "Image classifier trained with Loupe on " + backbone.id() + " ("
                + model.labels().size() + " classes)");
    }

    /** The model of a classifier graph whose probabilities are for {@code labels}. */
    public static byte[] model(OnnxModelView view, InputSpec spec, List<String> labels, String summary) {
        NeuralNetworkClassifier.Builder nn = NeuralNetworkClassifier.newBuilder()
                .addAllLayers(CoremlTranslator.translate(view, INPUT, PROBABILITIES))
                .addPreprocessing(NeuralNetworkPreprocessing.newBuilder().setFeatureName(INPUT).setScaler(scaler(spec)))
                .setStringClassLabels(StringVector.newBuilder().addAllVector(labels))
                .setLabelProbabilityLayerName(PROBABILITIES);
        ModelDescription description = ModelDescription.newBuilder()
                .addInput(FeatureDescription.newBuilder().setName(INPUT)
                        .setShortDescription("A photo, " + (spec.fit() == InputSpec.Fit.CENTRE_CROP
                                ? "centre-cropped to a square and " : "stretched and ") + "resized to " + spec.width()
                                + "x" + spec.height())
                        .setType(FeatureType.newBuilder().setImageType(ImageFeatureType.newBuilder()
                                .setWidth(spec.width()).setHeight(spec.height())
                                .setColorSpace(spec.channelOrder() == InputSpec.ChannelOrder.BGR
                                        ? ImageFeatureType.ColorSpace.BGR : ImageFeatureType.ColorSpace.RGB))))
                .addOutput(FeatureDescription.newBuilder().setName(PROBABILITIES)
                        .setShortDescription("The probability of each label")
                        .setType(FeatureType.newBuilder().setDictionaryType(DictionaryFeatureType.newBuilder()
                                .setStringKeyType(StringFeatureType.getDefaultInstance()))))
                .addOutput(FeatureDescription.newBuilder().setName(LABEL).setShortDescription("The most probable label")
                        .setType(FeatureType.newBuilder().setStringType(StringFeatureType.getDefaultInstance())))
                .setPredictedFeatureName(LABEL)
                .setPredictedProbabilitiesName(PROBABILITIES)
                .setMetadata(Metadata.newBuilder()
                        .setShortDescription(summary)
                        .setVersionString(AppInfo.version())
                        .setAuthor("Loupe " + AppInfo.version()))
                .build();
        return Model.newBuilder().setSpecificationVersion(SPECIFICATION_VERSION).setDescription(description)
                .setNeuralNetworkClassifier(nn).build().toByteArray();
    }

    /**
     * Core ML's image scaler: one scale for all channels and a bias per colour, after the colour space's channel
     * order. The same map as every export's ({@link PixelTransform}), which must be that simple to fit.
     */
    private static NeuralNetworkImageScaler scaler(InputSpec spec) {
        PixelTransform t = PixelTransform.between(PixelTransform.Source.RGB_0_255, spec);
        boolean bgr = spec.channelOrder() == InputSpec.ChannelOrder.BGR;
        float scale = t.matrix()[0][bgr ? 2 : 0];
        float[] rgbBias = new float[3];
        for (int c = 0; c < 3; c++) {
            int rgb = bgr ? 2 - c : c;
            for (int i = 0; i < 3; i++) {
                if (t.matrix()[c][i] != (i == rgb ? scale : 0f)) {
                    throw new IllegalArgumentException("Core ML's image scaler has one scale for all channels; "
                            + spec.scaling() + " needs a per-channel matrix");
                }
            }
            rgbBias[rgb] = t.bias()[c];
        }
        return NeuralNetworkImageScaler.newBuilder().setChannelScale(scale).setRedBias(rgbBias[0])
                .setGreenBias(rgbBias[1]).setBlueBias(rgbBias[2]).build();
    }
}
