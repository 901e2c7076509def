package dev.loupe.e2e;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.export.ExportJob;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.finetune.CutRunner;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.inference.LabelScore;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.BackboneRef;
import dev.loupe.engine.model.FineTunedModels;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.model.ModelManifest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model whose last block was fine-tuned (a little, on flower photos) is saved, loaded and run by the fast ONNX
 * Runtime path, and exported to ONNX and TF.js, each run by an independent runtime: all give the trained top's
 * probabilities. A bundle whose fine-tuned backbone does not fit the installed one is refused in words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FineTunedModelTest {

    private static final double TOLERANCE = 1e-3;
    private static final List<String> LABELS = List.of("daisy", "roses", "tulips");
    @TempDir
    static Path dir;
    private final List<Path> photos = new ArrayList<>();
    private BackboneDescriptor d;
    private ModelBundle bundle;
    private Path file;
    private float[][] expected;

    @BeforeAll
    void trainSaveAndReferee() throws Exception {
        Validators.requireNodePackages();
        for (String label : LABELS) {
            try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers", label))) {
                photos.addAll(files.sorted().limit(3).toList());
            }
        }
        d = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        Backbone backbone = BackboneLoader.load(d);
        BackboneTop top = BackboneTop.find(backbone, 1);
        INDArray maps = maps(top);
        ComputationGraph trained = top.trainable(LABELS.size(), new Adam(3e-2), 7);
        INDArray labels = Nd4j.zeros(photos.size(), LABELS.size());
        for (int i = 0; i < photos.size(); i++) {
            labels.putScalar(i, i / 3, 1);
        }
        for (int i = 0; i < 5; i++) {
            trained.fit(new INDArray[] {maps}, new INDArray[] {labels});
        }
        expected = trained.outputSingle(false, maps).toFloatMatrix();
        ModelManifest manifest = new ModelManifest(ModelBundle.FORMAT_VERSION, ModelManifest.KIND, LABELS,
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
        bundle = FineTunedModels.bundle(manifest, top, trained);
        file = dir.resolve("tuned.loupe");
        ModelFiles.save(bundle, file);
        backbone.graph().close();
    }

    @Test
    void theBundleKeepsItsFineTunedBackbone() throws Exception {
        ModelBundle loaded = ModelFiles.load(file);
        assertThat(ModelFiles.readManifest(file).formatVersion()).isEqualTo(2);
        assertThat(loaded.patch().hash()).isEqualTo(bundle.patch().hash());
    }

    @Test
    void onnxRuntimeClassifiesAsTheTrainedTop() throws Exception {
        float[][] loupe = classify(ExtractorFactory.onnx(dir.resolve("cache")));
        assertThat(worst(loupe, expected)).isLessThan(TOLERANCE);
        assertThat(worst(classify(ExtractorFactory.dl4j()), expected)).isLessThan(TOLERANCE);
        assertThat(Files.list(dir.resolve("cache")).map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith("-tuned.onnx"));
    }

    @Test
    void theOnnxAndTfjsExportsAgreeWithLoupe() throws Exception {
        float[][] loupe = classify(ExtractorFactory.onnx(dir.resolve("cache")));
        Path pixels = pixels();
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
        assertThat(worst(classifyStock(), loupe)).isGreaterThan(0.01);
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
        Path f = dir.resolve(name + ".loupe");
        ModelFiles.save(new ModelBundle(bundle.manifest(), bundle.scaler(), bundle.head(), patch), f);
        return f;
    }

    private float[][] classify(ExtractorFactory extractors) throws Exception {
        try (Classifier c = Classifier.open(file, BackboneRegistry.bundled(), extractors)) {
            return inLabelOrder(c.classify(photos, LABELS.size(), JobMonitor.silent()));
        }
    }

    private float[][] classifyStock() throws Exception {
        ModelBundle stock = new ModelBundle(bundle.manifest(), bundle.scaler(), bundle.head());
        try (Classifier c = new Classifier(stock, ExtractorFactory.onnx(dir.resolve("cache")).open(d))) {
            return inLabelOrder(c.classify(photos, LABELS.size(), JobMonitor.silent()));
        }
    }

    private static float[][] inLabelOrder(List<Prediction> predictions) {
        float[][] out = new float[predictions.size()][LABELS.size()];
        for (int i = 0; i < out.length; i++) {
            assertThat(predictions.get(i).error()).isNull();
            for (LabelScore s : predictions.get(i).top()) {
                out[i][LABELS.indexOf(s.label())] = (float) s.probability();
            }
        }
        return out;
    }

    private INDArray maps(BackboneTop top) throws Exception {
        InputSpec spec = d.input().withLayout(InputSpec.Layout.NCHW);
        float[] pixels = new float[photos.size() * spec.valuesPerImage()];
        for (int i = 0; i < photos.size(); i++) {
            ImagePreparer.prepare(photos.get(i), spec, pixels, i * spec.valuesPerImage());
        }
        try (CutRunner runner = new CutRunner(top)) {
            var s = top.shape();
            return Nd4j.create(runner.run(pixels, photos.size()),
                    new long[] {photos.size(), s.channels(), s.height(), s.width()}, 'c');
        }
    }

    /** The photos as the exports take them: NHWC, RGB 0-255, little-endian float32. */
    private Path pixels() throws Exception {
        Path out = dir.resolve("photos.f32");
        try (OutputStream o = Files.newOutputStream(out)) {
            for (Path p : photos) {
                float[] rgb = ImagePreparer.rgb(p, d.input());
                ByteBuffer b = ByteBuffer.allocate(rgb.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(rgb);
                o.write(b.array());
            }
        }
        return out;
    }

    private static double worst(float[][] a, float[][] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                worst = Math.max(worst, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return worst;
    }
}
