package dev.loupe.testing;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.ExtractorFactory;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smallest real fine-tuned model: the last block of mobilenet-v1-0.25 trained a little (5 steps of Adam at 3e-2)
 * on 9 flower photos of 3 classes, enough that its answers differ from the stock backbone's by more than 0.01; saved
 * as a format-2 bundle, with its photos, their pixels as the exports take them and the trained top's own answers.
 * Shared by the tests of fine-tuned models ({@code FineTunedModelTest}, {@code FineTunedExportsTest},
 * {@code FineTunedClassifyJobTest}).
 *
 * @param expected the trained top's probabilities on the photos, in label order
 */
public record FineTunedFixture(Path dir, List<Path> photos, BackboneDescriptor descriptor, ModelBundle bundle,
                               Path file, float[][] expected) {

    public static final List<String> LABELS = List.of("daisy", "roses", "tulips");

    public static FineTunedFixture train(Path dir) throws Exception {
        List<Path> photos = new ArrayList<>();
        for (String label : LABELS) {
            try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers", label))) {
                photos.addAll(files.sorted().limit(3).toList());
            }
        }
        BackboneDescriptor d = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        Backbone backbone = BackboneLoader.load(d);
        BackboneTop top = BackboneTop.find(backbone, 1);
        INDArray maps = maps(top, d, photos);
        ComputationGraph trained = top.trainable(LABELS.size(), new Adam(3e-2), 7);
        INDArray labels = Nd4j.zeros(photos.size(), LABELS.size());
        for (int i = 0; i < photos.size(); i++) {
            labels.putScalar(i, i / 3, 1);
        }
        for (int i = 0; i < 5; i++) {
            trained.fit(new INDArray[] {maps}, new INDArray[] {labels});
        }
        float[][] expected = trained.outputSingle(false, maps).toFloatMatrix();
        ModelManifest manifest = new ModelManifest(ModelBundle.FORMAT_VERSION, ModelManifest.KIND, LABELS,
                new BackboneRef(d.id(), d.displayName(), d.cutLayer(), d.featureDim()), d.input(), 1.0, null);
        ModelBundle bundle = FineTunedModels.bundle(manifest, top, trained);
        Path file = dir.resolve("tuned.loupe");
        ModelFiles.save(bundle, file);
        backbone.graph().close();
        return new FineTunedFixture(dir, List.copyOf(photos), d, bundle, file, expected);
    }

    /** Loupe's answers: the saved bundle classifying the photos with {@code extractors}. */
    public float[][] classify(ExtractorFactory extractors) throws Exception {
        try (Classifier c = Classifier.open(file, BackboneRegistry.bundled(), extractors)) {
            return inLabelOrder(c.classify(photos, LABELS.size(), JobMonitor.silent()));
        }
    }

    /** Loupe's answers through the fast ONNX Runtime path (cache under {@code dir/cache}). */
    public float[][] classify() throws Exception {
        return classify(ExtractorFactory.onnx(dir.resolve("cache")));
    }

    /** The same head on the stock backbone: what an export that dropped the fine-tuned blocks would answer. */
    public float[][] classifyStock() throws Exception {
        ModelBundle stock = new ModelBundle(bundle.manifest(), bundle.scaler(), bundle.head());
        try (Classifier c = new Classifier(stock, ExtractorFactory.onnx(dir.resolve("cache")).open(descriptor))) {
            return inLabelOrder(c.classify(photos, LABELS.size(), JobMonitor.silent()));
        }
    }

    /** The photos as the exports take them: NHWC, RGB 0-255, little-endian float32. */
    public Path pixels() throws Exception {
        Path out = dir.resolve("photos.f32");
        try (OutputStream o = Files.newOutputStream(out)) {
            for (Path p : photos) {
                float[] rgb = ImagePreparer.rgb(p, descriptor.input());
                ByteBuffer b = ByteBuffer.allocate(rgb.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(rgb);
                o.write(b.array());
            }
        }
        return out;
    }

    public static float[][] inLabelOrder(List<Prediction> predictions) {
        float[][] out = new float[predictions.size()][LABELS.size()];
        for (int i = 0; i < out.length; i++) {
            assertThat(predictions.get(i).error()).isNull();
            for (LabelScore s : predictions.get(i).top()) {
                out[i][LABELS.indexOf(s.label())] = (float) s.probability();
            }
        }
        return out;
    }

    /** The largest difference between two tables of probabilities. */
    public static double worst(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                worst = Math.max(worst, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return worst;
    }

    private static INDArray maps(BackboneTop top, BackboneDescriptor d, List<Path> photos) throws Exception {
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
}
