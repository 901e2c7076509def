package dev.loupe.engine.explain;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.FeatureMaps;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trained model and its backbone, ready to show what the model looked at in an image: one run of the backbone
 * gives the class probabilities and the feature maps, and the head's gradient weighs the maps into a heat map for any
 * class. Safe to call from several threads at once (as many runs at once as the backbone's runtime takes).
 */
public final class Explainer implements AutoCloseable {

    private final ModelBundle model;
    private final FeatureExtractor extractor;
    private final HeadGradient gradient;

    /**
     * @throws BackboneException when the backbone has no spatial feature maps before its pooling (the message says
     *                           why), or the extractor is for another backbone
     */
    public Explainer(ModelBundle model, FeatureExtractor extractor) throws BackboneException {
        String id = model.manifest().backbone().id();
        if (!extractor.backboneId().equals(id)) {
            throw new IllegalArgumentException("The model was trained on " + id + ", not " + extractor.backboneId());
        }
        var noMaps = extractor.noFeatureMaps();
        if (noMaps.isPresent()) {
            throw new BackboneException(noMaps.get());
        }
        this.model = model;
        this.extractor = extractor;
        this.gradient = new HeadGradient(model);
    }

    /** Loads a model file and opens its backbone; close it to free the network. */
    public static Explainer open(Path modelFile, BackboneRegistry registry, ExtractorFactory extractors)
            throws IOException, BackboneException {
        ModelBundle model = ModelFiles.load(modelFile);
        FeatureExtractor extractor = extractors.open(registry.require(model.manifest().backbone().id()));
        try {
            return new Explainer(model, extractor);
        } catch (BackboneException | RuntimeException e) {
            extractor.close();
            throw e;
        }
    }

    public ModelBundle model() {
        return model;
    }

    /** Decodes and prepares the image as classifying it does, then runs it once. */
    public Explanation explain(Path image) throws ImageDecodeException {
        return explain(ImagePreparer.prepare(image, extractor.inputSpec()));
    }

    /** As {@link #explain(Path)} for a picture already decoded. */
    public Explanation explain(BufferedImage image) {
        float[] pixels = new float[extractor.inputSpec().valuesPerImage()];
        ImagePreparer.prepare(image, extractor.inputSpec(), pixels, 0);
        return explain(pixels);
    }

    private Explanation explain(float[] pixels) {
        FeatureMaps maps = extractor.extractMaps(pixels);
        float[] probabilities = model.probabilities(new float[][]{maps.features()})[0];
        return new Explanation(model.labels(), probabilities, maps, gradient, extractor.inputSpec());
    }

    @Override
    public void close() {
        extractor.close();
    }
}
