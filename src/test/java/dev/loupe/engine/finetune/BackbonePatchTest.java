package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.OrtFeatureExtractor;
import dev.loupe.engine.onnx.OnnxExporter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On real flower photos: a top trained a little (its weights moved well away from the backbone's), written back into
 * the backbone as a patch, makes the backbone give the trained top's pooled features, on DL4J and on ONNX Runtime.
 */
class BackbonePatchTest {

    private static final int PHOTOS = 4;
    private static List<Path> photos;

    @BeforeAll
    static void photos() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers/roses"))) {
            photos = files.sorted().limit(PHOTOS).toList();
        }
    }

    @Test
    void thePatchedBackboneGivesTheTrainedTopsFeatures() throws Exception {
        for (int blocks = 1; blocks <= 2; blocks++) {
            Backbone backbone = load();
            BackboneTop top = BackboneTop.find(backbone, blocks);
            ComputationGraph trained = trainALittle(top);
            INDArray expected = pooled(top, trained);
            INDArray stock = backbone.graph().outputSingle(false, pixels(backbone.inputSpec().withLayout(InputSpec.Layout.NCHW)));
            assertThat(maxDiff(stock, expected)).as("training moved the features").isGreaterThan(0.05);

            BackbonePatch patch = BackbonePatch.of(top, trained);
            patch.applyTo(backbone.graph());
            INDArray dl4j = backbone.graph().outputSingle(false, pixels(backbone.inputSpec().withLayout(InputSpec.Layout.NCHW)));
            assertThat(maxDiff(dl4j, expected)).as("DL4J, %d block(s)", blocks).isLessThan(1e-3);

            byte[] onnx = OnnxExporter.backbone(backbone.graph(), backbone.inputSpec(), backbone.id(),
                    backbone.descriptor().featureDim()).toByteArray();
            try (FeatureExtractor ort = OrtFeatureExtractor.open(backbone.descriptor(), onnx, 1)) {
                float[][] f = ort.extract(pixels(ort.inputSpec()).data().asFloat(), PHOTOS);
                assertThat(maxDiff(Nd4j.create(f), expected)).as("ONNX Runtime, %d block(s)", blocks)
                        .isLessThan(1e-3);
            }
            assertThat(PatchBytes.read(PatchBytes.write(patch)).hash()).isEqualTo(patch.hash());
            assertThat(patch.hash()).isNotEqualTo(BackbonePatch.of(top, top.trainable(3, new Adam(1e-3), 1)).hash());
            backbone.graph().close();
        }
    }

    @Test
    void aPatchThatDoesNotFitIsRefusedInWordsAndChangesNothing() throws Exception {
        Backbone backbone = load();
        BackbonePatch patch = BackbonePatch.of(BackboneTop.find(backbone, 1),
                BackboneTop.find(backbone, 1).trainable(3, new Adam(1e-3), 1));
        INDArray before = backbone.graph().getLayer("conv_pw_13").getParam("W").dup();

        Map<String, Map<String, INDArray>> missing = new LinkedHashMap<>(patch.params());
        missing.put("conv_pw_99", Map.of("W", Nd4j.zeros(1, 1)));
        assertThatThrownBy(() -> new BackbonePatch(missing).applyTo(backbone.graph()))
                .isInstanceOf(BackboneException.class).hasMessageContaining("conv_pw_99");

        Map<String, Map<String, INDArray>> wrong = new LinkedHashMap<>(patch.params());
        wrong.put("conv_pw_13_bn", Map.of("beta", Nd4j.zeros(1, 7)));
        assertThatThrownBy(() -> new BackbonePatch(wrong).applyTo(backbone.graph()))
                .isInstanceOf(BackboneException.class).hasMessageContaining("conv_pw_13_bn").hasMessageContaining("beta");
        assertThat(backbone.graph().getLayer("conv_pw_13").getParam("W")).isEqualTo(before);
    }

    @Test
    void damagedBytesAreRefusedInWords() throws Exception {
        Backbone backbone = load();
        BackboneTop top = BackboneTop.find(backbone, 1);
        byte[] bytes = PatchBytes.write(BackbonePatch.of(top, top.trainable(3, new Adam(1e-3), 1)));
        assertThatThrownBy(() -> PatchBytes.read(java.util.Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fine-tuned backbone");
        byte[] huge = bytes.clone();
        huge[7] = 0x7f;  // the layer count's low byte: far more layers than the bytes hold
        huge[4] = 0x10;
        assertThatThrownBy(() -> PatchBytes.read(huge)).hasMessageContaining("more than its bytes hold");
    }

    /** A few steps of Adam at a high rate on made-up labels: every weight of the top moves. */
    private static ComputationGraph trainALittle(BackboneTop top) throws Exception {
        ComputationGraph net = top.trainable(3, new Adam(3e-2), 7);
        INDArray maps = maps(top);
        INDArray labels = Nd4j.zeros(PHOTOS, 3);
        for (int i = 0; i < PHOTOS; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        for (int i = 0; i < 5; i++) {
            net.fit(new INDArray[] {maps}, new INDArray[] {labels});
        }
        return net;
    }

    private static INDArray pooled(BackboneTop top, ComputationGraph trained) throws Exception {
        String pooled = top.backbone().graph().getConfiguration().getNetworkOutputs().get(0);
        return trained.feedForward(maps(top), false).get(pooled);
    }

    private static INDArray maps(BackboneTop top) throws Exception {
        try (CutRunner runner = new CutRunner(top)) {
            CutActivations.Shape s = top.shape();
            return Nd4j.create(runner.run(pixels(top.backbone().inputSpec().withLayout(InputSpec.Layout.NCHW))
                    .data().asFloat(), PHOTOS), new long[] {PHOTOS, s.channels(), s.height(), s.width()}, 'c');
        }
    }

    private static INDArray pixels(InputSpec spec) throws Exception {
        float[] pixels = new float[PHOTOS * spec.valuesPerImage()];
        for (int i = 0; i < PHOTOS; i++) {
            ImagePreparer.prepare(photos.get(i), spec, pixels, i * spec.valuesPerImage());
        }
        long[] shape = spec.layout() == InputSpec.Layout.NCHW ? new long[] {PHOTOS, 3, spec.height(), spec.width()}
                : new long[] {PHOTOS, spec.height(), spec.width(), 3};
        return Nd4j.create(pixels, shape, 'c');
    }

    private static Backbone load() throws BackboneException {
        return BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v1-0.25"));
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }
}
