package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.backbone.FineTunable;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.backbone.InputSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On real flower photos, the backbone's frozen part run by ONNX Runtime up to the cut, then the top with its batch
 * norms folded, gives the backbone's own features (MobileNet v1 for one and two blocks, MobileNetV2 for one, the most
 * its residual sums allow); the head started from a linear head gives that head's output.
 */
class BackboneTopTest {

    private static Backbone backbone;
    private static float[] pixels;
    private static final int PHOTOS = 2;

    @BeforeAll
    static void load() throws Exception {
        backbone = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v1-0.25"));
        pixels = prepare(backbone);
    }

    /** Two rose photos as {@code net} takes them (NCHW). */
    private static float[] prepare(Backbone net) throws Exception {
        InputSpec spec = net.inputSpec().withLayout(InputSpec.Layout.NCHW);
        float[] out = new float[PHOTOS * spec.valuesPerImage()];
        try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers/roses"))) {
            List<Path> photos = files.sorted().limit(PHOTOS).toList();
            for (int i = 0; i < PHOTOS; i++) {
                ImagePreparer.prepare(photos.get(i), spec, out, i * spec.valuesPerImage());
            }
        }
        return out;
    }

    @Test
    void theCutFallsBelowTheLastBlocks() throws Exception {
        BackboneTop one = BackboneTop.find(backbone, 1);
        BackboneTop two = BackboneTop.find(backbone, 2);
        assertThat(one.cut()).isEqualTo("conv_pw_12_relu");
        assertThat(one.shape()).isEqualTo(new CutActivations.Shape(256, 7, 7, 6f));
        assertThat(two.cut()).isEqualTo("conv_pw_11_relu");
        assertThat(two.shape()).isEqualTo(new CutActivations.Shape(128, 14, 14, 6f));
    }

    @Test
    void bottomThenFoldedTopGiveTheBackbonesFeatures() throws Exception {
        for (int blocks = 1; blocks <= 2; blocks++) {
            assertTheTopGivesTheFeatures(backbone, pixels, blocks);
        }
    }

    /**
     * MobileNetV2: its last block (expand 1x1, depthwise 3x3, project 1x1 without ReLU, then the 1x1 to 1280
     * features) has no residual sum, so one block can be fine-tuned; below it block 15 adds its input to its output,
     * a branch the chain cannot cut across, so two cannot, and FineTunable says so.
     */
    @Test
    void mobileNetV2sLastBlockFoldsAndItsSecondIsRefused() throws Exception {
        BackboneDescriptor v2 = BackboneRegistry.bundled().require("mobilenet-v2-0.35");
        Backbone net = BackboneLoader.load(v2);
        try {
            assertTheTopGivesTheFeatures(net, prepare(net), 1);
            assertThat(BackboneTop.find(net, 1).cut()).isEqualTo("block_16_expand_relu");
            assertThatThrownBy(() -> BackboneTop.find(net, 2)).isInstanceOf(BackboneException.class)
                    .hasMessageContaining("no single chain of 2 depthwise-separable blocks");
        } finally {
            net.graph().close();
        }
        FineTunable tunable = v2.fineTunable(); // as recorded; BundledBackbonesTest holds it to the loaded network
        assertThat(tunable.maxBlocks()).isEqualTo(1);
        assertThat(tunable.why()).contains("mobilenet-v2-0.35").contains("no single chain of 2");
    }

    /** The frozen part on ONNX Runtime, then the folded top in DL4J, give {@code net}'s own pooled features. */
    private static void assertTheTopGivesTheFeatures(Backbone net, float[] in, int blocks) throws Exception {
        InputSpec spec = net.inputSpec();
        INDArray features = net.graph().outputSingle(false, Nd4j.create(in.clone(),
                new long[] {PHOTOS, 3, spec.height(), spec.width()}, 'c'));
        BackboneTop top = BackboneTop.find(net, blocks);
        float[] maps;
        try (CutRunner runner = new CutRunner(top)) {
            maps = runner.run(in, PHOTOS);
        }
        ComputationGraph trainable = top.trainable(3, new Adam(1e-4), 42);
        CutActivations.Shape s = top.shape();
        INDArray cut = Nd4j.create(maps, new long[] {PHOTOS, s.channels(), s.height(), s.width()}, 'c');
        String pooled = net.graph().getConfiguration().getNetworkOutputs().get(0);
        INDArray again = trainable.feedForward(cut, false).get(pooled);
        double diff = Transforms.abs(again.sub(features)).maxNumber().doubleValue();
        assertThat(diff).as("%s: largest difference from the backbone's features, %d block(s)", net.id(), blocks)
                .isLessThan(1e-3);
        assertThat(features.maxNumber().doubleValue()).isGreaterThan(0.1);
    }

    @Test
    void theHeadStartsAsTheLinearHeadItIsGiven() throws Exception {
        BackboneTop top = BackboneTop.find(backbone, 1);
        float[] maps;
        try (CutRunner runner = new CutRunner(top)) {
            maps = runner.run(pixels, PHOTOS);
        }
        ComputationGraph net = top.trainable(3, new Adam(1e-4), 42);
        int d = backbone.descriptor().featureDim();
        java.util.Random random = new java.util.Random(3);
        float[] mean = new float[d];
        float[] scale = new float[d];
        for (int i = 0; i < d; i++) {
            mean[i] = random.nextFloat();
            scale[i] = 0.5f + random.nextFloat();
        }
        float[] weights = new float[d * 3];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextFloat() - 0.5f;
        }
        INDArray w = Nd4j.create(weights, new long[] {d, 3}, 'c');
        INDArray b = Nd4j.create(new float[] {0.1f, -0.2f, 0.3f});
        BackboneTop.startHead(net, mean, scale, w, b);
        CutActivations.Shape s = top.shape();
        INDArray p = net.outputSingle(false, Nd4j.create(maps, new long[] {PHOTOS, s.channels(), s.height(),
                s.width()}, 'c'));
        INDArray f = backbone.graph().outputSingle(false, input());
        INDArray scaled = f.sub(Nd4j.create(mean).reshape(1, d)).mul(Nd4j.create(scale).reshape(1, d));
        INDArray expected = Transforms.softmax(scaled.mmul(w).addRowVector(b));
        assertThat(Transforms.abs(p.sub(expected)).maxNumber().doubleValue()).isLessThan(1e-3);
    }

    private static INDArray input() {
        InputSpec spec = backbone.inputSpec();
        return Nd4j.create(pixels.clone(), new long[] {PHOTOS, 3, spec.height(), spec.width()}, 'c');
    }
}
