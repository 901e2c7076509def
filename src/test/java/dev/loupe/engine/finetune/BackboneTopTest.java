package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
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

/**
 * On real flower photos, the backbone's frozen part run by ONNX Runtime up to the cut, then the top with its batch
 * norms folded, gives the backbone's own features; the head started from a linear head gives that head's output.
 */
class BackboneTopTest {

    private static Backbone backbone;
    private static float[] pixels;
    private static final int PHOTOS = 2;

    @BeforeAll
    static void load() throws Exception {
        backbone = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v1-0.25"));
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        pixels = new float[PHOTOS * spec.valuesPerImage()];
        try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers/roses"))) {
            List<Path> photos = files.sorted().limit(PHOTOS).toList();
            for (int i = 0; i < PHOTOS; i++) {
                ImagePreparer.prepare(photos.get(i), spec, pixels, i * spec.valuesPerImage());
            }
        }
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
        INDArray features = backbone.graph().outputSingle(false, input());
        for (int blocks = 1; blocks <= 2; blocks++) {
            BackboneTop top = BackboneTop.find(backbone, blocks);
            float[] maps;
            try (CutRunner runner = new CutRunner(top)) {
                maps = runner.run(pixels, PHOTOS);
            }
            ComputationGraph net = top.trainable(3, new Adam(1e-4), 42);
            CutActivations.Shape s = top.shape();
            INDArray in = Nd4j.create(maps, new long[] {PHOTOS, s.channels(), s.height(), s.width()}, 'c');
            String pooled = backbone.graph().getConfiguration().getNetworkOutputs().get(0);
            INDArray again = net.feedForward(in, false).get(pooled);
            double diff = Transforms.abs(again.sub(features)).maxNumber().doubleValue();
            assertThat(diff).as("largest difference from the backbone's features, %d block(s)", blocks)
                    .isLessThan(1e-3);
            assertThat(features.maxNumber().doubleValue()).isGreaterThan(0.1);
        }
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
