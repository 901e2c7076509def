package dev.loupe.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.onnx.OnnxExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code loupe export}: ONNX Runtime running the exported classifier agrees with {@code loupe classify}. */
class ExportCommandTest {

    @TempDir Path dir;

    @Test
    void exportedClassifierGivesLoupesLabelAndProbabilitiesOnAPhoto() throws Exception {
        Path flowers = copyFlowers(dir.resolve("flowers"), 10);
        Path model = dir.resolve("flowers.loupe");
        CliRun train = CliRun.of("train", flowers.toString(), "-o", model.toString(), "--epochs", "30", "-q");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path onnx = dir.resolve("flowers.onnx");
        CliRun export = CliRun.of("export", model.toString(), "--format", "onnx", "-o", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("Exported").contains("'probabilities'");

        Path photo = photos(Path.of("sample-datasets/flowers/sunflowers")).get(30); // not among the training ten
        CliRun classify = CliRun.of("classify", model.toString(), photo.toString(), "--top", "5", "--json", "-q");
        JsonNode top = new ObjectMapper().readTree(classify.out()).get(0).get("top");

        List<String> labels = ModelFiles.load(model).labels();
        float[] p = runOnnx(onnx, photo, ModelFiles.load(model).manifest().input());
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        assertThat(labels.get(best)).isEqualTo(top.get(0).get("label").asText());
        for (JsonNode s : top) {
            assertThat((double) p[labels.indexOf(s.get("label").asText())]).as(s.toString())
                    .isCloseTo(s.get("probability").asDouble(), within(1e-4));
        }
    }

    /** The export prepares its pixels itself: it gets the photo resized, RGB 0-255, NHWC. */
    private static float[] runOnnx(Path onnx, Path photo, InputSpec spec) throws Exception {
        float[] pixels = ImagePreparer.rgb(photo, spec);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                     new long[]{1, spec.height(), spec.width(), 3});
             OrtSession.Result r = session.run(Map.of(OnnxExporter.IMAGE, in))) {
            assertThat(session.getMetadata().getCustomMetadata()).containsKey("labels");
            return ((float[][]) r.get(0).getValue())[0];
        }
    }

    private static Path copyFlowers(Path target, int perClass) throws Exception {
        try (Stream<Path> classes = Files.list(Path.of("sample-datasets/flowers"))) {
            for (Path c : classes.filter(Files::isDirectory)
                    .filter(c -> !c.getFileName().toString().startsWith(".")).toList()) {
                Path to = Files.createDirectories(target.resolve(c.getFileName().toString()));
                for (Path f : photos(c).subList(0, perClass)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
        return target;
    }

    private static List<Path> photos(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
    }
}
