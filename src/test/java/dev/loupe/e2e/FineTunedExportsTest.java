package dev.loupe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.testing.FineTunedFixture;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static dev.loupe.testing.FineTunedFixture.worst;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TFLite, Keras and Core ML exports of a fine-tuned model ({@link FineTunedFixture}) carry its fine-tuned block:
 * run by a runtime Loupe's authors did not write, each gives {@code Loupe}'s answers within
 * {@link ExportAgreementTest#TOLERANCE} (float16 TFLite within 0.05), which differ from the stock backbone's by more
 * than 0.01; and where a file can be read back without a runtime (Keras' HDF5 with h5py, Core ML's protobuf with
 * Apple's .proto files), the fine-tuned layers hold exactly the bundle's fine-tuned parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FineTunedExportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    private FineTunedFixture f;
    private float[][] loupe;
    private Path pixels;
    /** The fine-tuned layers that are depthwise convolutions (laid out otherwise in each format). */
    private Set<String> depthwise;
    private final List<String> table = new ArrayList<>();

    @BeforeAll
    void trainAndClassify() throws Exception {
        Validators.requireNodePackages();
        f = FineTunedFixture.train(dir);
        loupe = f.classify();
        pixels = f.pixels();
        Backbone backbone = BackboneLoader.load(f.descriptor());
        depthwise = new HashSet<>();
        for (String layer : f.bundle().patch().params().keySet()) {
            if (backbone.graph().getLayer(layer).conf().getLayer() instanceof DepthwiseConvolution2D) {
                depthwise.add(layer);
            }
        }
        backbone.graph().close();
        assertThat(depthwise).as("the fine-tuned block's depthwise convolution").hasSize(1);
        assertThat(note("the same head on the stock backbone (ONNX Runtime)", worst(f.classifyStock(), loupe)))
                .as("the fine-tuned block changes the answers").isGreaterThan(0.01);
    }

    /** The figures for docs/deploy.md: each runtime's largest probability difference from Loupe's. */
    @AfterAll
    void report() throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/fine-tuned-exports.md"), table);
    }

    @Test
    void tfliteInTensorFlowLitesCLibrary() throws Exception {
        Path folder = export("tflite", "tuned-tflite");
        float[][] full = Validators.tflite(folder.resolve("model.tflite"), pixels, f.photos().size(), dir);
        assertThat(note("TFLite float32 (TensorFlow Lite C library)", worst(full, loupe))).as("float32 TFLite")
                .isLessThan(ExportAgreementTest.TOLERANCE);
        float[][] half = Validators.tflite(folder.resolve("model_float16.tflite"), pixels, f.photos().size(), dir);
        assertThat(note("TFLite float16 (TensorFlow Lite C library)", worst(half, loupe))).as("float16 TFLite")
                .isLessThan(0.05);
    }

    @Test
    void kerasHoldsTheFineTunedWeightsAndAgreesWithLoupe() throws Exception {
        Path folder = export("keras", "tuned-keras");
        assertThat(Validators.run(List.of(Validators.PYTHON, Validators.NODE_DIR.resolve("check_keras_h5.py")
                .toString(), folder.toString()), 120)).contains("\"parameters\"");
        JsonNode read = readWeights(List.of("keras", folder.resolve("weights.h5").toString()));
        for (var layer : f.bundle().patch().params().entrySet()) {
            for (var p : layer.getValue().entrySet()) {
                INDArray v = p.getValue();
                String name = switch (p.getKey()) {
                    case "W" -> depthwise.contains(layer.getKey()) ? "depthwise_kernel" : "kernel";
                    case "b" -> "bias";
                    case "mean" -> "moving_mean";
                    case "var" -> "moving_variance";
                    default -> p.getKey();
                };
                INDArray keras = "kernel".equals(name) ? v.permute(2, 3, 1, 0) : v;
                same(read.path(layer.getKey()).path(name), keras, "Keras " + layer.getKey() + "/" + name);
            }
        }
        ComputationGraph graph = KerasModelImport.importKerasModelAndWeights(
                folder.resolve("model.json").toString(), folder.resolve("weights.h5").toString(), false);
        var in = f.descriptor().input();
        try (INDArray x = Nd4j.create(floats(pixels), new long[] {f.photos().size(), in.height(), in.width(), 3},
                'c')) {
            assertThat(note("Keras (DL4J Keras import)", worst(graph.outputSingle(false, x).toFloatMatrix(), loupe)))
                    .as("Keras export in DL4J")
                    .isLessThan(ExportAgreementTest.TOLERANCE);
        } finally {
            graph.close();
        }
    }

    @Test
    void coremlHoldsTheFineTunedWeightsAndAgreesWithLoupe() throws Exception {
        Path file = export("coreml", "tuned.mlmodel");
        float[][] numpy = Validators.coreml(file, pixels, f.photos().size(), dir);
        assertThat(note("Core ML (NumPy evaluation of Apple's specification)", worst(numpy, loupe)))
                .as("Core ML layers evaluated with NumPy")
                .isLessThan(ExportAgreementTest.TOLERANCE);
        JsonNode read = readWeights(List.of("coreml", "src/main/proto/coreml", file.toString()));
        for (var layer : f.bundle().patch().params().entrySet()) {
            for (var p : layer.getValue().entrySet()) {
                INDArray v = p.getValue();
                String name = switch (p.getKey()) {
                    case "W" -> "weights";
                    case "b" -> "bias";
                    case "var" -> "variance";
                    default -> p.getKey();
                };
                // DL4J's depthwise kernel is [kh, kw, in, 1]; Core ML's grouped one [out, 1, kh, kw].
                INDArray coreml = "W".equals(p.getKey()) && depthwise.contains(layer.getKey())
                        ? v.permute(2, 3, 0, 1) : v;
                same(read.path(layer.getKey()).path(name), coreml, "Core ML " + layer.getKey() + "/" + name);
            }
        }
    }

    private double note(String what, double worst) {
        table.add(String.format(Locale.ROOT, "| %s | %d | %.1e |", what, f.photos().size(), worst));
        return worst;
    }

    private JsonNode readWeights(List<String> what) throws Exception {
        Path out = Files.createTempFile(dir, "weights", ".json");
        List<String> command = new ArrayList<>(List.of(Validators.PYTHON,
                Validators.NODE_DIR.resolve("read_weights.py").toString()));
        command.addAll(what);
        command.add(out.toString());
        command.addAll(f.bundle().patch().params().keySet());
        Validators.run(command, 120);
        return JSON.readTree(out.toFile());
    }

    /** The values read back are the bundle's, to the bit, in the reader's shape. */
    private static void same(JsonNode read, INDArray expected, String what) {
        assertThat(read.isMissingNode()).as(what + " read back").isFalse();
        long[] shape = JSON.convertValue(read.get("shape"), long[].class);
        float[] values = JSON.convertValue(read.get("values"), float[].class);
        long[] want = expected.shape();
        assertThat(shape).as(what + " shape").containsExactly(squeeze(want, shape.length));
        assertThat(values).as(what).containsExactly(expected.dup('c').reshape(expected.length()).toFloatVector());
    }

    /** The expected shape with leading 1s dropped to the reader's rank (a [1, C] parameter is [C] in the file). */
    private static long[] squeeze(long[] shape, int rank) {
        int drop = 0;
        while (shape.length - drop > rank && shape[drop] == 1) {
            drop++;
        }
        return Arrays.copyOfRange(shape, drop, shape.length);
    }

    private Path export(String format, String name) {
        Path out = dir.resolve("exports").resolve(name);
        CliRun run = CliRun.of("export", f.file().toString(), "--format", format, "-o", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    private static float[] floats(Path file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
