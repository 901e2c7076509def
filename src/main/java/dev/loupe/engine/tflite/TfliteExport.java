package dev.loupe.engine.tflite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.engine.onnx.OnnxModelView;
import dev.loupe.engine.util.AppInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole trained classifier as a TFLite model: image in ({@value #INPUT}, {@code [1, height, width, 3]}), calibrated
 * probabilities out ({@value #OUTPUT}, {@code [1, classes]}). The labels are in the model's metadata under
 * {@value #METADATA} (JSON, with the input it expects) and, for apps, in a labels.txt beside it.
 */
public final class TfliteExport {

    /** How the weights are stored: float32, or float16 (half the size, turned back into floats when loaded). */
    public enum Precision { FLOAT32, FLOAT16 }

    public static final String INPUT = "image";
    public static final String OUTPUT = "probabilities";
    /** The metadata entry Loupe writes: {@code {"labels": [...], "input": {...}, "producer": "Loupe x.y"}}. */
    public static final String METADATA = "loupe";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TfliteExport() {
    }

    /**
     * The model's bytes, translated from the graph of the ONNX export (one walk of the DL4J network), which takes RGB
     * values 0-255 and prepares them itself ({@link PixelTransform}, one 1x1 convolution).
     */
    public static byte[] model(ModelBundle model, Backbone backbone, Precision precision) {
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        OnnxModelView view = OnnxExporter.classifierView(backbone.graph(), spec,
                PixelTransform.between(PixelTransform.Source.RGB_0_255, spec), model.scaler(), model.head(),
                model.manifest().temperature(), model.labels(), backbone.id());
        return model(view, precision, model.labels(), spec, "Loupe classifier on " + backbone.id() + " ("
                + model.labels().size() + " classes)");
    }

    /** The model of a classifier graph whose probabilities are for {@code labels}. */
    public static byte[] model(OnnxModelView view, Precision precision, List<String> labels, InputSpec spec,
                               String description) {
        TfliteTranslator.Translated t = TfliteTranslator.translate(view, precision, INPUT, OUTPUT);
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        metadata.put(METADATA, metadata(labels, spec));
        return t.graph().finish(t.input(), t.output(), description, metadata);
    }

    /** labels.txt: one label a line, in the order of the output. */
    public static String labelsText(List<String> labels) {
        return String.join("\n", labels) + "\n";
    }

    private static byte[] metadata(List<String> labels, InputSpec spec) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", INPUT);
        input.put("width", spec.width());
        input.put("height", spec.height());
        input.put("layout", "NHWC");
        input.put("channels", "RGB");
        input.put("range", "0-255");
        input.put("fit", spec.fit().name());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("labels", labels);
        meta.put("input", input);
        meta.put("output", OUTPUT);
        meta.put("producer", "Loupe " + AppInfo.version());
        try {
            return JSON.writeValueAsBytes(meta);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
