package dev.loupe.engine.features;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.FeatureMapLayer;
import dev.loupe.engine.backbone.InputSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Optional;

/**
 * The reference runtime: the backbone's DL4J graph in NCHW. Batch 8 is the fastest measured on 2 cores (larger
 * batches are slower and take gigabytes).
 */
public final class Dl4jFeatureExtractor implements FeatureExtractor {

    private final Backbone backbone;
    /** Found on first use: finding them runs the network once. */
    private FeatureMapLayer mapLayer;
    private String noMaps;

    public Dl4jFeatureExtractor(Backbone backbone) {
        this.backbone = backbone;
    }

    @Override
    public String backboneId() {
        return backbone.id();
    }

    @Override
    public InputSpec inputSpec() {
        return backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
    }

    @Override
    public int featureDim() {
        return backbone.descriptor().featureDim();
    }

    @Override
    public int batchSize() {
        return 8;
    }

    @Override
    public float[][] extract(float[] pixels, int count) {
        InputSpec spec = inputSpec();
        long[] shape = {count, 3, spec.height(), spec.width()};
        int n = count * spec.valuesPerImage();
        float[] exact = n == pixels.length ? pixels : java.util.Arrays.copyOf(pixels, n);
        INDArray input = Nd4j.create(exact, shape, 'c');
        INDArray out = backbone.graph().outputSingle(false, input);
        float[][] features = out.reshape(count, out.length() / count).toFloatMatrix();
        input.close();
        out.close();
        return features;
    }

    @Override
    public synchronized Optional<String> noFeatureMaps() {
        if (mapLayer == null && noMaps == null) {
            try {
                mapLayer = FeatureMapLayer.find(backbone.graph(), inputSpec());
            } catch (FeatureMapLayer.NoFeatureMapsException e) {
                noMaps = "Backbone " + backbone.id() + " has no feature maps to show: " + e.getMessage();
            }
        }
        return Optional.ofNullable(noMaps);
    }

    @Override
    public FeatureMaps extractMaps(float[] pixels) {
        noFeatureMaps().ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        InputSpec spec = inputSpec();
        float[] exact = java.util.Arrays.copyOf(pixels, spec.valuesPerImage());
        Map<String, INDArray> activations = backbone.graph().feedForward(
                Nd4j.create(exact, new long[]{1, 3, spec.height(), spec.width()}, 'c'), false);
        INDArray maps = activations.get(mapLayer.vertex());
        INDArray features = activations.get(backbone.graph().getConfiguration().getNetworkOutputs().get(0));
        return new FeatureMaps(mapLayer.channels(), mapLayer.height(), mapLayer.width(),
                maps.dup('c').reshape(maps.length()).toFloatVector(), features.reshape(features.length())
                .toFloatVector());
    }

    @Override
    public void close() {
        backbone.graph().close();
    }
}
