package dev.loupe.engine.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.backbone.keras.KerasNet;
import dev.loupe.engine.backbone.tfjs.TfjsWriter;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.AppInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A web page that classifies a dropped photo with no server and no network: {@code index.html}, TensorFlow.js
 * itself ({@code tf.min.js}, from its npm package, with {@code tfjs-LICENSE.txt}) and the TF.js model as a script
 * ({@code model.js}: topology, weights in base64, labels), because a page opened from a file:// URL may load scripts
 * but not fetch files.
 */
final class WebFormat implements Exporter {

    private static final String RESOURCES = "/loupe/web/";

    @Override
    public String format() {
        return "web";
    }

    @Override
    public String description() {
        return "web page (works offline, from a file or any static server)";
    }

    @Override
    public Output output() {
        return Output.FOLDER;
    }

    @Override
    public String suggestedName(String stem) {
        return stem + "-web";
    }

    @Override
    public Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception {
        KerasNet net = KerasClassifier.build(source, PixelTransform.Source.TEACHABLE_MACHINE);
        TfjsWriter.Artifacts a = TfjsWriter.artifacts(net, "Loupe " + AppInfo.version());
        InputSpec spec = source.backbone().inputSpec();
        ObjectNode model = KerasNet.JSON.createObjectNode();
        model.put("name", TfjsFormat.stem(source.modelFile()));
        model.set("modelTopology", a.modelJson().get("modelTopology"));
        model.set("weightSpecs", a.weightSpecs());
        model.put("width", spec.width());
        model.put("height", spec.height());
        model.put("fit", spec.fit().name());
        var labels = model.putArray("labels");
        source.model().labels().forEach(labels::add);
        model.put("generatedBy", "Loupe " + AppInfo.version());
        Files.createDirectories(path);
        try (var out = Files.newBufferedWriter(path.resolve("model.js"), StandardCharsets.UTF_8)) {
            out.write("// Written by Loupe: the classifier for index.html (TF.js layers model, labels).\n");
            out.write("window.LOUPE_MODEL = ");
            out.write(KerasNet.JSON.writeValueAsString(model));
            out.write(";\nwindow.LOUPE_MODEL.weights = \"");
            out.write(Base64.getEncoder().encodeToString(a.weights()));
            out.write("\";\n");
        }
        copy("index.html", path);
        copy("tf.min.js", path);
        String version = new String(resource("tfjs-version.txt").readAllBytes(), StandardCharsets.UTF_8).trim();
        Files.writeString(path.resolve("tfjs-LICENSE.txt"), "tf.min.js is TensorFlow.js " + version
                + " (the npm package @tensorflow/tfjs), Copyright Google LLC, licensed under the Apache License, "
                + "Version 2.0:\n\n" + new String(resource("LICENSE-2.0.txt").readAllBytes(), StandardCharsets.UTF_8));
        return new Usage("web page, " + source.model().labels().size() + " classes", List.of(
                "Open index.html in a browser (from the file, or served by any static web server) and drop a photo "
                        + "on it: it classifies it on the device, offline",
                "The page takes the photo " + Fits.words(spec) + " in the browser, as Loupe does; the model inside is "
                        + "the TF.js export's"));
    }

    private static void copy(String name, Path folder) throws IOException {
        try (InputStream in = resource(name)) {
            Files.copy(in, folder.resolve(name));
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = WebFormat.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("Loupe's web page resource " + name + " is missing: the build did not fetch "
                    + "TensorFlow.js (mvn package), or the installation is damaged");
        }
        return in;
    }
}
