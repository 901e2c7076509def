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

    public static Result write(ModelBundle model, BackboneRegistry registry, Path target)
            throws BackboneException, IOException {
        Backbone backbone = BackboneLoader.load(registry.require(model.manifest().backbone().id()));
        byte[] bytes;
        try {
            bytes = OnnxExporter.classifier(backbone.graph(), inputSpec(backbone), model.scaler(), model.head(),
                    model.manifest().temperature(), model.labels(), backbone.id()).toByteArray();
        } finally {
            backbone.graph().close();
        }
        AtomicFiles.write(target, out -> out.write(bytes));
        return new Result(target, bytes.length, inputSpec(backbone), model.labels().size(),
                model.manifest().temperature());
    }

    private static InputSpec inputSpec(Backbone backbone) {
        return backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
    }
}
