package dev.loupe.e2e;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.EmbeddingService;
import dev.loupe.engine.embedding.Placement;
import dev.loupe.engine.embedding.TsneConfig;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.inference.Classifier;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import dev.loupe.engine.onnx.OnnxExporter;
import dev.loupe.testing.FineTunedFixture;
import onnx.Onnx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.loupe.testing.FineTunedFixture.LABELS;
import static dev.loupe.testing.FineTunedFixture.inLabelOrder;
import static dev.loupe.testing.FineTunedFixture.worst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A fine-tuned model classifying for the Classify pane (labels plus the stock features of the map and similar
 * images) runs one ONNX graph whose frozen bottom is shared by the stock and the fine-tuned top: its labels are the
 * fine-tuned backbone's alone, its features the stock backbone's alone, so every photo lands at the same place on
 * the dataset map among the same similar images; DL4J runs the two networks side by side. The model is {@link FineTunedFixture}'s (the last block of
 * mobilenet-v1-0.25 fine-tuned on flowers); the photos are every fifth of the flowers, the map the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnePassClassifyTest {

    private static final double SAME = 1e-5;
    @TempDir
    static Path dir;
    private FineTunedFixture f;
    private ExtractorFactory onnx;
    private final List<Path> photos = new ArrayList<>();
    private final List<Path> mapped = new ArrayList<>();

    @BeforeAll
    void train() throws Exception {
        f = FineTunedFixture.train(dir);
        onnx = ExtractorFactory.onnx(dir.resolve("cache"));
        try (Stream<Path> files = Files.walk(Path.of("sample-datasets/flowers"))) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
            for (int i = 0; i < all.size(); i++) {
                (i % 5 == 0 ? photos : mapped).add(all.get(i));
            }
        }
    }

    @Test
    void oneGraphGivesTheFineTunedLabelsAndTheStockFeatures() throws Exception {
        for (boolean mirror : new boolean[] {false, true}) {
            Classified onePass = classify(Classifier.open(f.file(), BackboneRegistry.bundled(), onnx, true), mirror);
            Classified tuned = classify(new Classifier(f.bundle(), onnx.open(f.descriptor(), f.bundle().patch())),
                    mirror);
            Classified stock = classify(new Classifier(stockHead(), onnx.open(f.descriptor())), mirror);
            assertThat(worst(onePass.probabilities, tuned.probabilities)).as("labels, mirror " + mirror)
                    .isLessThan(SAME);
            assertThat(worst(onePass.features, stock.features)).as("features, mirror " + mirror).isLessThan(SAME);
            // Neither the stock head's answers nor the fine-tuned features: the two tops really differ.
            assertThat(worst(onePass.probabilities, stock.probabilities)).isGreaterThan(0.01);
            assertThat(worst(onePass.features, tuned.features)).isGreaterThan(0.05);
        }
    }

    @Test
    void dl4jRunsTheTwoNetworksSideBySideInTheSameOrder() throws Exception {
        ExtractorFactory dl4j = ExtractorFactory.dl4j();
        List<Path> some = photos.subList(0, 8);
        Classified both = classify(Classifier.open(f.file(), BackboneRegistry.bundled(), dl4j, true), some);
        Classified tuned = classify(new Classifier(f.bundle(), dl4j.open(f.descriptor(), f.bundle().patch())), some);
        Classified stock = classify(new Classifier(stockHead(), dl4j.open(f.descriptor())), some);
        assertThat(worst(both.probabilities, tuned.probabilities)).isLessThan(SAME);
        assertThat(worst(both.features, stock.features)).isLessThan(SAME);
        assertThat(worst(both.features, tuned.features)).isGreaterThan(0.05);
    }

    @Test
    void aPhotoLandsWhereTheStockBackbonePutsItAmongTheSameSimilarImages() throws Exception {
        DatasetMap map = map();
        Classified onePass = classify(Classifier.open(f.file(), BackboneRegistry.bundled(), onnx, true), false);
        Classified stock = classify(new Classifier(stockHead(), onnx.open(f.descriptor())), false);
        for (int i = 0; i < photos.size(); i++) {
            Placement now = map.place(onePass.features[i], 8);
            Placement before = map.place(stock.features[i], 8);
            assertThat(now.x()).as(photos.get(i).toString()).isCloseTo(before.x(), within(1e-3f));
            assertThat(now.y()).as(photos.get(i).toString()).isCloseTo(before.y(), within(1e-3f));
            assertThat(now.neighbours().stream().map(n -> n.index()).toList()).as(photos.get(i).toString())
                    .isEqualTo(before.neighbours().stream().map(n -> n.index()).toList());
            for (int k = 0; k < now.neighbours().size(); k++) {
                assertThat(now.neighbours().get(k).similarity())
                        .isCloseTo(before.neighbours().get(k).similarity(), within(1e-5f));
            }
        }
    }

    @Test
    void theGraphRunsTheFrozenBottomOnceAndTheLastBlockTwice() throws Exception {
        BackbonePatch patch = f.bundle().patch();
        var backbone = BackboneLoader.load(f.descriptor());
        long stockConvs = convolutions(OnnxExporter.backbone(backbone.graph(), backbone.inputSpec(), "stock",
                f.descriptor().featureDim()));
        byte[] both = OnnxExporter.withStock(backbone.graph(), backbone.inputSpec(), "both",
                f.descriptor().featureDim(), patch.params().keySet(), patch::applyTo);
        backbone.graph().close();
        // The fine-tuned block's depthwise and pointwise convolutions are the only ones run twice.
        assertThat(convolutions(Onnx.ModelProto.parseFrom(both))).isEqualTo(stockConvs + 2);
    }

    @Test
    void aFineTunedBackboneThatDoesNotFitIsRefusedInWords() throws Exception {
        Map<String, Map<String, org.nd4j.linalg.api.ndarray.INDArray>> wrong =
                new LinkedHashMap<>(f.bundle().patch().params());
        wrong.put("conv_pw_13_bn", Map.of("beta", Nd4j.zeros(1, 7)));
        ModelBundle b = f.bundle();
        Path file = dir.resolve("wrong-shape.loupe");
        ModelFiles.save(new ModelBundle(b.manifest(), b.scaler(), b.head(), new BackbonePatch(wrong)), file);
        assertThatThrownBy(() -> Classifier.open(file, BackboneRegistry.bundled(), onnx, true))
                .isInstanceOf(BackboneException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("conv_pw_13_bn").hasMessageContaining("[1, 7]");
    }

    private record Classified(float[][] probabilities, float[][] features) {
    }

    private Classified classify(Classifier classifier, boolean mirror) throws Exception {
        return classify(classifier.withMirror(mirror), photos);
    }

    private static Classified classify(Classifier classifier, List<Path> photos) throws Exception {
        float[][] features = new float[photos.size()][];
        try (Classifier c = classifier) {
            float[][] p = inLabelOrder(c.classify(photos, LABELS.size(), JobMonitor.silent(),
                    (i, v) -> features[i] = v));
            return new Classified(p, features);
        }
    }

    /** The model's head on the stock backbone: the stock-only path, as a stock model's classification runs it. */
    private ModelBundle stockHead() {
        return new ModelBundle(f.bundle().manifest(), f.bundle().scaler(), f.bundle().head());
    }

    /** The map of the other flowers, from the stock backbone's features as the catalogue holds them. */
    private DatasetMap map() throws Exception {
        BackboneDescriptor d = f.descriptor();
        float[][] features = new float[mapped.size()][];
        try (Classifier c = new Classifier(stockHead(), onnx.open(d))) {
            c.classify(mapped, 1, JobMonitor.silent(), (i, v) -> features[i] = v);
        }
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < mapped.size(); i++) {
            Path p = mapped.get(i);
            samples.add(new Sample(new ImageEntry(p, p.toString(), p.getParent().getFileName().toString()),
                    p.toString(), features[i]));
        }
        return EmbeddingService.map(new FeatureSet(d.id(), samples, List.of(), samples.size(), 0),
                TsneConfig.defaults(), JobMonitor.silent());
    }

    private static long convolutions(Onnx.ModelProto model) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).count();
    }
}
