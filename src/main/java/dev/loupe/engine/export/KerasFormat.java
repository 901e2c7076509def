package dev.loupe.engine.export;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.backbone.keras.KerasH5Writer;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keras' "structure as JSON, weights as HDF5" pair ({@code model.to_json()} and {@code save_weights}), as Keras 2
 * writes them, with {@code labels.txt} (one label per line, in output order). The model takes RGB values 0-255 and
 * prepares them itself.
 */
final class KerasFormat implements Exporter {

    static final String MODEL = "model.json";
    static final String WEIGHTS = "weights.h5";
    static final String LABELS = "labels.txt";
    static final String KERAS_VERSION = "2.2.4";

    @Override
    public String format() {
        return "keras";
    }

    @Override
    public String description() {
        return "Keras model (structure JSON + weights HDF5)";
    }

    @Override
    public Output output() {
        return Output.FOLDER;
    }

    @Override
    public String suggestedName(String stem) {
        return stem + "-keras";
    }

    @Override
    public Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception {
        KerasNet net = KerasClassifier.build(source, PixelTransform.Source.RGB_0_255);
        Files.createDirectories(path);
        Files.write(path.resolve(MODEL), KerasNet.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(net.modelJson(KERAS_VERSION)));
        KerasH5Writer.weights(net, path.resolve(WEIGHTS), KERAS_VERSION);
        Files.write(path.resolve(LABELS), (String.join("\n", source.model().labels()) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        InputSpec spec = source.backbone().inputSpec();
        return new Usage("Keras model, " + source.model().labels().size() + " classes", List.of(
                "Input:  float32 [batch, " + spec.height() + ", " + spec.width() + ", 3]: the photo "
                        + Fits.words(spec) + ", RGB values 0-255 (the rest is inside the model)",
                "Output: float32 [batch, " + source.model().labels().size() + "]: calibrated probabilities; labels "
                        + "in labels.txt, one per line",
                "Run it: model = keras.models.model_from_json(open('model.json').read()); "
                        + "model.load_weights('weights.h5') (docs/deploy.md)"));
    }
}
