package dev.loupe.engine.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.backbone.tfjs.TfjsWriter;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.AppInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A TF.js layers model in Teachable Machine's layout ({@code model.json}, {@code weights.bin},
 * {@code metadata.json} with the labels), which Teachable Machine's own library {@code @teachablemachine/image}
 * loads: the model takes what that library feeds (RGB, NHWC, x / 127 - 1) and prepares the rest inside.
 */
final class TfjsFormat implements Exporter {

    static final String METADATA = "metadata.json";

    @Override
    public String format() {
        return "tfjs";
    }

    @Override
    public String description() {
        return "TF.js layers model (Teachable Machine's layout)";
    }

    @Override
    public Output output() {
        return Output.FOLDER;
    }

    @Override
    public String suggestedName(String stem) {
        return stem + "-tfjs";
    }

    @Override
    public Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception {
        KerasNet net = KerasClassifier.build(source, PixelTransform.Source.TEACHABLE_MACHINE);
        Files.createDirectories(path);
        TfjsWriter.write(net, path, "Loupe " + AppInfo.version());
        Files.write(path.resolve(METADATA), metadata(source));
        InputSpec spec = source.backbone().inputSpec();
        return new Usage("TF.js layers model, " + source.model().labels().size() + " classes", List.of(
                "Input:  float32 [batch, " + spec.height() + ", " + spec.width() + ", 3]: the photo "
                        + Fits.words(spec) + ", RGB scaled x / 127 - 1 (Teachable Machine's "
                        + "convention; the rest of the preparation is inside the model)",
                "Output: float32 [batch, " + source.model().labels().size() + "]: calibrated probabilities; labels "
                        + "in metadata.json",
                "Run it: tmImage.load('model.json', 'metadata.json') (@teachablemachine/image), or "
                        + "tf.loadLayersModel('model.json') (docs/deploy.md)"));
    }

    /** Teachable Machine's metadata fields, and Loupe's own under "loupe". */
    static byte[] metadata(ExportSource source) throws Exception {
        ObjectNode m = KerasNet.JSON.createObjectNode();
        m.put("tfjsVersion", "1.3.1");
        m.put("packageName", "@teachablemachine/image");
        m.put("packageVersion", "0.8.5");
        m.put("modelName", stem(source.modelFile()));
        m.put("timeStamp", Instant.now().toString());
        m.putObject("userMetadata");
        var labels = m.putArray("labels");
        source.model().labels().forEach(labels::add);
        m.put("imageSize", source.backbone().inputSpec().width());
        ObjectNode loupe = m.putObject("loupe");
        loupe.put("formatVersion", 1);
        loupe.put("generatedBy", "Loupe " + AppInfo.version());
        loupe.put("backbone", source.backbone().id());
        loupe.put("temperature", source.model().manifest().temperature());
        loupe.put("input", "RGB, NHWC, x / 127 - 1, the photo " + Fits.words(source.backbone().inputSpec()));
        loupe.put("fit", source.backbone().inputSpec().fit().name());
        return KerasNet.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }
}
