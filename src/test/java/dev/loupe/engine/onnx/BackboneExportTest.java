package dev.loupe.engine.onnx;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.features.FeatureMaps;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ONNX Runtime, running a bundled backbone exported by Loupe, gives DL4J's features on real flower photos, and DL4J's
 * last feature maps as its second output.
 */
class BackboneExportTest {

    private static final double TOLERANCE = 1e-4;

    @TempDir Path cache;

    @ParameterizedTest
    @ValueSource(strings = {"mobilenet-v2-0.35", "mobilenet-v1-0.25", "mobilenet-v1-0.75"})
    void onnxRuntimeGivesDl4jsFeatures(String id) throws Exception {
        BackboneDescriptor d = BackboneRegistry.bundled().require(id);
        List<Path> photos = flowers(2);
        float[][] reference;
        float[][] onnx;
        FeatureMaps referenceMaps;
        FeatureMaps onnxMaps;
        try (FeatureExtractor dl4j = ExtractorFactory.dl4j().open(d);
             FeatureExtractor ort = ExtractorFactory.onnx(cache).open(d)) {
            assertThat(ort.inputSpec()).isEqualTo(dl4j.inputSpec());
            float[] pixels = prepare(photos, dl4j.inputSpec());
            reference = dl4j.extract(pixels, photos.size());
            onnx = ort.extract(pixels, photos.size());
            assertThat(ort.noFeatureMaps()).isEmpty();
            referenceMaps = dl4j.extractMaps(pixels);
            onnxMaps = ort.extractMaps(pixels);
        }
        assertMapsMatch(id, onnxMaps, referenceMaps, reference[0]);
        double maxDiff = 0;
        for (int i = 0; i < photos.size(); i++) {
            assertThat(onnx[i]).hasSize(d.featureDim());
            for (int j = 0; j < d.featureDim(); j++) {
                maxDiff = Math.max(maxDiff, Math.abs(onnx[i][j] - reference[i][j]));
            }
        }
        LoggerFactory.getLogger(getClass()).info("{}: max |ORT - DL4J| = {} over {} photos x {} features", id,
                maxDiff, photos.size(), d.featureDim());
        assertThat(maxDiff).as("max abs difference for %s", id).isLessThanOrEqualTo(TOLERANCE);
        assertThat(new ExportedBackbones(cache).file(d)).as("export cached").isRegularFile();
    }

    /**
     * The second output, the maps the features pool (7x7 at 224 px), is DL4J's, from the same run as the features,
     * which are the maps' averages.
     */
    private static void assertMapsMatch(String id, FeatureMaps onnx, FeatureMaps dl4j, float[] features) {
        assertThat(new int[]{onnx.channels(), onnx.height(), onnx.width()}).as(id)
                .containsExactly(dl4j.channels(), 7, 7);
        double maxDiff = 0;
        double largest = 1;
        for (int i = 0; i < onnx.maps().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(onnx.maps()[i] - dl4j.maps()[i]));
            largest = Math.max(largest, Math.abs(dl4j.maps()[i]));
        }
        // Single positions run up to ReLU6's 6, before averaging evens out rounding: the tolerance scales with them.
        assertThat(maxDiff).as("feature maps of %s, max abs difference", id).isLessThanOrEqualTo(TOLERANCE * largest);
        for (int c = 0; c < onnx.channels(); c++) {
            double sum = 0;
            for (int p = 0; p < onnx.positions(); p++) {
                sum += onnx.maps()[c * onnx.positions() + p];
            }
            assertThat(sum / onnx.positions()).isCloseTo(features[c], within(TOLERANCE));
            assertThat(onnx.features()[c]).isCloseTo(features[c], within((float) TOLERANCE));
        }
    }

    /** The first {@code perClass} photos of each class of the bundled flowers. */
    static List<Path> flowers(int perClass) throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> classes = Files.list(Path.of("sample-datasets/flowers"))) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(c)) {
                    files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(perClass).forEach(out::add);
                }
            }
        }
        return out;
    }

    static float[] prepare(List<Path> photos, InputSpec spec) throws Exception {
        float[] pixels = new float[photos.size() * spec.valuesPerImage()];
        for (int i = 0; i < photos.size(); i++) {
            ImagePreparer.prepare(photos.get(i), spec, pixels, i * spec.valuesPerImage());
        }
        return pixels;
    }
}
