package dev.loupe.spark;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExporter;

/**
 * A {@code .loupe} model as one ONNX graph for the executors: backbone, feature scaling, head and calibration, as
 * {@code loupe export --format onnx} writes it, but taking the tensor the engine prepares (NCHW, scaled), so the
 * executors prepare images exactly as the desktop does.
 *
 * @param input how images are prepared for it
 */
record ClassifierGraph(byte[] bytes, InputSpec input) {

    static ClassifierGraph of(ModelBundle model, BackboneRegistry registry) throws BackboneException {
        Backbone backbone = model.loadBackbone(registry, null);
        try {
            InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
            byte[] bytes = OnnxExporter.classifierFile(backbone.graph(), spec, null, model.scaler(), model.head(),
                    model.manifest().temperature(), model.labels(), backbone.id());
            return new ClassifierGraph(bytes, spec);
        } finally {
            backbone.graph().close();
        }
    }
}
