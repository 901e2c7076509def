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
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.util.AppInfo;

import java.util.List;

/**
 * A whole trained classifier as a Core ML model ({@code .mlmodel}): a neural-network classifier whose input is an
 * image ({@value #INPUT}, the network's size, RGB or BGR as the network was trained) and whose outputs are the most
 * probable label ({@value #LABEL}) and every label's calibrated probability ({@value #PROBABILITIES}). The pixel
 * scaling is Core ML's image preprocessing (scale and per-channel bias); resizing is the app's (Vision's
 * {@code .scaleFill} stretches, as Loupe does). Specification version 1: the layers every Core ML runs.
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
        OnnxModelView view = OnnxExporter.classifierView(backbone.graph(), spec, model.scaler(), model.head(),
                model.manifest().temperature(), model.labels(), backbone.id());
        return model(view, spec, model.labels(), "Image classifier trained with Loupe on " + backbone.id() + " ("
                + model.labels().size() + " classes)", backbone.id());
    }

    /** The model of a classifier graph whose probabilities are for {@code labels}. */
    public static byte[] model(OnnxModelView view, InputSpec spec, List<String> labels, String summary,
                               String backboneId) {
        NeuralNetworkClassifier.Builder nn = NeuralNetworkClassifier.newBuilder()
                .addAllLayers(CoremlTranslator.translate(view, INPUT, PROBABILITIES))
                .addPreprocessing(NeuralNetworkPreprocessing.newBuilder().setFeatureName(INPUT).setScaler(scaler(spec)))
                .setStringClassLabels(StringVector.newBuilder().addAllVector(labels))
                .setLabelProbabilityLayerName(PROBABILITIES);
        ModelDescription description = ModelDescription.newBuilder()
                .addInput(FeatureDescription.newBuilder().setName(INPUT)
                        .setShortDescription("A photo, resized to " + spec.width() + "x" + spec.height())
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
                        .setAuthor("Loupe " + AppInfo.version())
                        .putUserDefined("loupe.backbone", backboneId))
                .build();
        return Model.newBuilder().setSpecificationVersion(SPECIFICATION_VERSION).setDescription(description)
                .setNeuralNetworkClassifier(nn).build().toByteArray();
    }

    /**
     * Loupe's scalings are affine per channel with one scale for all channels (value times scale plus a shift),
     * which is exactly Core ML's image scaler.
     */
    private static NeuralNetworkImageScaler scaler(InputSpec spec) {
        InputSpec.Scaling s = spec.scaling();
        float scale = (s.apply(255f, 1) - s.apply(0f, 1)) / 255f;
        for (int c = 0; c < 3; c++) {
            if (Math.abs((s.apply(255f, c) - s.apply(0f, c)) / 255f - scale) > 1e-7f * Math.abs(scale)) {
                throw new IllegalArgumentException("Core ML's image scaler has one scale for all channels; "
                        + s + " scales them differently");
            }
        }
        return NeuralNetworkImageScaler.newBuilder().setChannelScale(scale).setRedBias(s.apply(0f, 0))
                .setGreenBias(s.apply(0f, 1)).setBlueBias(s.apply(0f, 2)).build();
    }
}
