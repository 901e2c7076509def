package dev.loupe.engine.onnx;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a whole trained classifier as one ONNX model: image tensor in, calibrated probabilities out. Other tools
 * must prepare pixels as {@link #inputSpec} says (resize, channel order, scaling, NCHW); the labels are in the
 * model's metadata under {@code labels}, as a JSON array in output order.
 */
public final class ClassifierExport {

    /** What was written. */
    public record Result(Path file, long bytes, InputSpec input, int classes, double temperature) {
    }

    private ClassifierExport() {
    }

    /** The whole classifier as ONNX bytes, and how images must be prepared for it. */
    public record Graph(byte[] bytes, InputSpec input) {
    }

    public static Result write(ModelBundle model, BackboneRegistry registry, Path target)
            throws BackboneException, IOException {
        Graph graph = graph(model, registry);
        AtomicFiles.write(target, out -> out.write(graph.bytes()));
        return new Result(target, graph.bytes().length, graph.input(), model.labels().size(),
                model.manifest().temperature());
    }

    /** As {@link #write} without the file: for a cluster job, which broadcasts the bytes to its executors. */
    public static Graph graph(ModelBundle model, BackboneRegistry registry) throws BackboneException {
        Backbone backbone = BackboneLoader.load(registry.require(model.manifest().backbone().id()));
        try {
            byte[] bytes = OnnxExporter.classifier(backbone.graph(), inputSpec(backbone), model.scaler(),
                    model.head(), model.manifest().temperature(), model.labels(), backbone.id()).toByteArray();
            return new Graph(bytes, inputSpec(backbone));
        } finally {
            backbone.graph().close();
        }
    }

    private static InputSpec inputSpec(Backbone backbone) {
        return backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
    }
}
