package dev.loupe.e2e;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.export.ExportJob;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.testing.FineTunedFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.loupe.testing.FineTunedFixture.worst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model whose last block was fine-tuned (a little, on flower photos) is saved, loaded and run by the fast ONNX
 * Runtime path, and exported to ONNX and TF.js, each run by an independent runtime: all give the trained top's
 * probabilities. A bundle whose fine-tuned backbone does not fit the installed one is refused in words. The model is
 * {@link FineTunedFixture}'s; {@code FineTunedExportsTest} checks the TFLite, Keras and Core ML exports of the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FineTunedModelTest {

    private static final double TOLERANCE = 1e-3;
    @TempDir
    static Path dir;
    private FineTunedFixture f;
    private List<Path> photos;
    private BackboneDescriptor d;
    private ModelBundle bundle;
    private Path file;
    private float[][] expected;

    @BeforeAll
    void trainSaveAndReferee() throws Exception {
        Validators.requireNodePackages();
        f = FineTunedFixture.train(dir);
        photos = f.photos();
        d = f.descriptor();
        bundle = f.bundle();
        file = f.file();
        expected = f.expected();
    }

    @Test
    void theBundleKeepsItsFineTunedBackbone() throws Exception {
        ModelBundle loaded = ModelFiles.load(file);
        assertThat(ModelFiles.readManifest(file).formatVersion()).isEqualTo(2);
        assertThat(loaded.patch().hash()).isEqualTo(bundle.patch().hash());
    }

    @Test
    void onnxRuntimeClassifiesAsTheTrainedTop() throws Exception {
        float[][] loupe = f.classify(ExtractorFactory.onnx(dir.resolve("cache")));
        assertThat(worst(loupe, expected)).isLessThan(TOLERANCE);
        assertThat(worst(f.classify(ExtractorFactory.dl4j()), expected)).isLessThan(TOLERANCE);
        assertThat(Files.list(dir.resolve("cache")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith("-tuned.onnx"));
    }

    @Test
    void theOnnxAndTfjsExportsAgreeWithLoupe() throws Exception {
        float[][] loupe = f.classify(ExtractorFactory.onnx(dir.resolve("cache")));
        Path pixels = f.pixels();
        InputSpec in = d.input();
        Path onnx = dir.resolve("tuned.onnx");
        ExportJob.of(file, "onnx", onnx, BackboneRegistry.bundled()).run(JobMonitor.silent());
        float[][] ort = Validators.node("onnx", onnx, pixels, photos.size(), in.height(), in.width(), dir);
        assertThat(worst(ort, loupe)).as("onnxruntime-node").isLessThan(TOLERANCE);
        Path tfjs = dir.resolve("tuned-tfjs");
        ExportJob.of(file, "tfjs", tfjs, BackboneRegistry.bundled()).run(JobMonitor.silent());
        float[][] js = Validators.node("tfjs", tfjs, pixels, photos.size(), in.height(), in.width(), dir);
        assertThat(worst(js, loupe)).as("TF.js").isLessThan(TOLERANCE);
        // Not the stock backbone's answers: the exports carry the fine-tuned blocks.
        assertThat(worst(f.classifyStock(), loupe)).isGreaterThan(0.01);
    }

    @Test
    void theMapAndSimilarImagesGetTheStockBackbonesFeatures() throws Exception {
        ExtractorFactory onnx = ExtractorFactory.onnx(dir.resolve("cache"));
        float[][] sunk = new float[photos.size()][];
        try (Classifier c = Classifier.open(file, BackboneRegistry.bundled(), onnx)) {
            c.classify(photos, 1, JobMonitor.silent(), (i, v) -> sunk[i] = v);
        }
        float[][] stock = new float[photos.size()][];
        float[][] tuned = new float[photos.size()][];
        ModelBundle plain = new ModelBundle(bundle.manifest(), bundle.scaler(), bundle.head());
        try (Classifier c = new Classifier(plain, onnx.open(d))) {
            c.classify(photos, 1, JobMonitor.silent(), (i, v) -> stock[i] = v);
        }
        try (Classifier c = new Classifier(plain, onnx.open(d, bundle.patch()))) {
            c.classify(photos, 1, JobMonitor.silent(), (i, v) -> tuned[i] = v);
        }
        assertThat(worst(sunk, stock)).as("the catalogue's features").isLessThan(1e-5);
        assertThat(worst(sunk, tuned)).as("not the fine-tuned backbone's").isGreaterThan(0.05);
    }

    @Test
    void aFineTunedBackboneThatDoesNotFitIsRefusedInWords() throws Exception {
        Map<String, Map<String, INDArray>> missing = new LinkedHashMap<>(bundle.patch().params());
        missing.put("conv_pw_99_bn", Map.of("beta", Nd4j.zeros(1, 256)));
        Path noLayer = save("no-layer", new BackbonePatch(missing));
        assertThatThrownBy(() -> Classifier.open(noLayer, BackboneRegistry.bundled(),
                ExtractorFactory.onnx(dir.resolve("cache")))).isInstanceOf(BackboneException.class)
                .hasMessageContaining(noLayer.toString()).hasMessageContaining("conv_pw_99_bn");
        Map<String, Map<String, INDArray>> wrong = new LinkedHashMap<>(bundle.patch().params());
        wrong.put("conv_pw_13_bn", Map.of("beta", Nd4j.zeros(1, 7)));
        Path wrongShape = save("wrong-shape", new BackbonePatch(wrong));
        assertThatThrownBy(() -> ExportJob.of(wrongShape, "onnx", dir.resolve("x.onnx"), BackboneRegistry.bundled())
                .run(JobMonitor.silent())).hasMessageContaining(wrongShape.toString())
                .hasMessageContaining("conv_pw_13_bn").hasMessageContaining("[1, 7]");
    }

    private Path save(String name, BackbonePatch patch) throws Exception {
        Path out = dir.resolve(name + ".loupe");
        ModelFiles.save(new ModelBundle(bundle.manifest(), bundle.scaler(), bundle.head(), patch), out);
        return out;
    }
}
