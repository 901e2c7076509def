package dev.loupe.ui.common;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.explain.Explainer;
import dev.loupe.engine.explain.Explanation;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.KeptExtractors;
import dev.loupe.engine.image.ImageProbe;

import java.awt.Dimension;
import java.nio.file.Path;

/**
 * The real heat maps: an {@link Explainer} on the studio's kept backbones, kept open for the last model asked (a user
 * looks at photo after photo with one run's model). The Explainer takes several callers at once; opening and closing
 * it are synchronised.
 */
final class EngineHeatMaps implements HeatMapBackend {

    private final BackboneRegistry registry;
    private final ExtractorFactory extractors;
    private Path openModel;
    private Explainer explainer;

    EngineHeatMaps(BackboneRegistry registry, ExtractorFactory extractors) {
        this.registry = registry;
        this.extractors = extractors;
    }

    /** The studio's: the standard backbones, opened once for every pane. */
    static EngineHeatMaps studio() {
        return new EngineHeatMaps(BackboneRegistry.standard(), KeptExtractors.studio());
    }

    @Override
    public Explained explain(Path model, Path image) throws Exception {
        Explanation e = explainer(model).explain(image);
        Dimension size = ImageProbe.readSize(image);
        long bytes = 4L * (e.maps().maps().length + e.maps().features().length);
        return new Explained(e.labels(), e.probabilities(), e::heatMap, size.width, size.height, bytes);
    }

    private synchronized Explainer explainer(Path model) throws Exception {
        if (explainer == null || !model.equals(openModel)) {
            close();
            explainer = Explainer.open(model, registry, extractors);
            openModel = model;
        }
        return explainer;
    }

    @Override
    public synchronized void close() {
        if (explainer != null) {
            explainer.close();
            explainer = null;
            openModel = null;
        }
    }
}
