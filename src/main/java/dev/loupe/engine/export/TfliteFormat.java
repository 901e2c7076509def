package dev.loupe.engine.export;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExportException;
import dev.loupe.engine.onnx.TranslationException;
import dev.loupe.engine.tflite.TfliteExport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole classifier as TFLite models, for Android: a folder with {@value #FLOAT32} (float32 weights),
 * {@value #FLOAT16} (float16 weights, half the size) and {@value #LABELS}. Pixel scaling and channel order are inside
 * the models; the labels are also in their metadata.
 */
final class TfliteFormat implements Exporter {

    static final String FLOAT32 = "model.tflite";
    static final String FLOAT16 = "model_float16.tflite";
    static final String LABELS = "labels.txt";

    @Override
    public String format() {
        return "tflite";
    }

    @Override
    public String description() {
        return "TensorFlow Lite models, float32 and float16 (Android, LiteRT)";
    }

    @Override
    public Output output() {
        return Output.FOLDER;
    }

    @Override
    public String suggestedName(String stem) {
        return stem + "-tflite";
    }

    @Override
    public Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception {
        ModelBundle model = source.model();
        InputSpec spec = source.backbone().inputSpec();
        Files.createDirectories(path);
        long[] sizes = new long[2];
        int i = 0;
        for (TfliteExport.Precision p : TfliteExport.Precision.values()) {
            monitor.checkCancelled();
            byte[] bytes;
            try {
                bytes = TfliteExport.model(model, source.backbone(), p);
            } catch (OnnxExportException | TranslationException e) {
                throw new ExportException(e.getMessage(), e);
            }
            Files.write(path.resolve(p == TfliteExport.Precision.FLOAT32 ? FLOAT32 : FLOAT16), bytes);
            sizes[i++] = bytes.length;
        }
        Files.writeString(path.resolve(LABELS), TfliteExport.labelsText(model.labels()), StandardCharsets.UTF_8);
        return new Usage("TFLite models, " + model.labels().size() + " classes: " + FLOAT32 + " ("
                + sizes[0] / 1024 + " KB), " + FLOAT16 + " (" + sizes[1] / 1024 + " KB)", List.of(
                "Input:  '" + TfliteExport.INPUT + "' float32 [1, " + spec.height() + ", " + spec.width()
                        + ", 3]: the photo " + Fits.words(spec)
                        + ", RGB values 0-255 (scaling and channel order are inside the model)",
                "Output: '" + TfliteExport.OUTPUT + "' float32 [1, " + model.labels().size()
                        + "]: calibrated probabilities, in the order of " + LABELS,
                "Run it: org.tensorflow.lite.Interpreter(model).run(pixels, probabilities) (docs/deploy.md)"));
    }
}
