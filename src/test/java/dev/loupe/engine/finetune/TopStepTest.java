package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top trained by {@link TopStep} is the top DL4J's own {@code fit} trains: on the real MobileNet v1 0.25 with the
 * last one and two blocks (a stride-2 depthwise convolution and its padding) and MobileNetV2 0.35's last block (an
 * expansion, a projection without activation and the 1280-channel convolution after it), the same probabilities,
 * the same gradients of the cross-entropy for every weight, and the same weights after several Adam steps with
 * weight decay.
 * The maps are random ReLU6 values (a quarter of them 0 or 6, where ReLU6's gradient stops), as the cut gives.
 */
class TopStepTest {

    private static final int BATCH = 5;
    private static final int CLASSES = 4;
    private static Backbone v1;
    private static Backbone v2;

    @BeforeAll
    static void load() throws Exception {
        v1 = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v1-0.25"));
        v2 = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v2-0.35"));
    }

    @AfterAll
    static void close() {
        v1.graph().close();
        v2.graph().close();
    }

    @ParameterizedTest
    @CsvSource({"1, 1, false", "1, 2, false", "2, 1, false", "1, 1, true"})
    void probabilitiesAndGradientsAreDl4jsOwn(int version, int blocks, boolean weighed) throws Exception {
        BackboneTop top = BackboneTop.find(version == 1 ? v1 : v2, blocks);
        float[] classWeights = weighed ? new float[] {0.5f, 2f, 1f, 3f} : null;  // as ClassWeights makes them
        ComputationGraph reference = top.trainable(CLASSES, new Adam(1e-3), 0, 7, classWeights);
        ComputationGraph fast = top.trainable(CLASSES, new Adam(1e-3), 0, 7, classWeights);
        INDArray x = maps(top, 1);
        INDArray y = labels(2);

        INDArray expected = reference.outputSingle(false, x);
        TopStep step = new TopStep(fast);
        assertThat(largest(step.output(x).sub(expected))).isLessThan(1e-5);

        reference.setInputs(x);
        reference.setLabels(y);
        reference.computeGradientAndScore();
        INDArray p = step.gradients(x, y);
        INDArray want = reference.getFlattenedGradients();
        INDArray got = fast.getFlattenedGradients();
        assertThat(want.length()).isEqualTo(got.length());
        assertThat(largest(want)).isGreaterThan(1e-3);
        // float sums in another order: every gradient within a millionth of the largest one's size, times 10
        assertThat(largest(got.sub(want)) / largest(want)).as("largest gradient difference, relative").isLessThan(1e-5);
        INDArray w = weighed ? Nd4j.create(classWeights).reshape(1, CLASSES) : Nd4j.ones(1, CLASSES);
        double crossEntropy = -Transforms.log(p, true).mul(y).mulRowVector(w).sumNumber().doubleValue() / BATCH;
        assertThat(crossEntropy).isCloseTo(reference.score(), org.assertj.core.data.Offset.offset(1e-5));
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "1, 2", "2, 1"})
    void adamStepsWithWeightDecayMoveTheWeightsAsFitDoes(int version, int blocks) throws Exception {
        BackboneTop top = BackboneTop.find(version == 1 ? v1 : v2, blocks);
        ComputationGraph reference = top.trainable(CLASSES, new Adam(1e-3), 0.5, 7);
        ComputationGraph fast = top.trainable(CLASSES, new Adam(1e-3), 0.5, 7);
        INDArray start = reference.params().dup();
        TopStep step = new TopStep(fast);
        for (int i = 0; i < 3; i++) {
            INDArray x = maps(top, 10 + i);
            INDArray y = labels(20 + i);
            reference.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
            step.fit(x, y);
        }
        INDArray moved = reference.params().sub(start);
        INDArray differ = fast.params().sub(reference.params());
        assertThat(fast.getIterationCount()).isEqualTo(reference.getIterationCount()).isEqualTo(3);
        assertThat(largest(moved)).isGreaterThan(1e-3);
        // Adam's first steps are about lr * sign(gradient): a gradient at rounding level could flip one weight's sign,
        // so the bound is on the mean difference (1% of the mean move) and on all but a handful of weights.
        double meanMove = Transforms.abs(moved).meanNumber().doubleValue();
        assertThat(Transforms.abs(differ).meanNumber().doubleValue()).isLessThan(0.01 * meanMove);
        long off = Transforms.abs(differ).gt(1e-6).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber()
                .longValue();
        assertThat(off).as("weights more than 1e-6 from fit's of %d", differ.length())
                .isLessThan(Math.max(10, differ.length() / 10_000));
    }

    private static INDArray maps(BackboneTop top, long seed) {
        CutActivations.Shape s = top.shape();
        Random random = new Random(seed);
        float[] v = new float[BATCH * s.values()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.min(6f, Math.max(0f, (float) random.nextGaussian() * 2f + 1f));
        }
        return Nd4j.create(v, new long[] {BATCH, s.channels(), s.height(), s.width()}, 'c');
    }

    private static INDArray labels(long seed) {
        Random random = new Random(seed);
        INDArray y = Nd4j.zeros(BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, random.nextInt(CLASSES), 1f);
        }
        return y;
    }

    private static double largest(INDArray a) {
        return Transforms.abs(a).maxNumber().doubleValue();
    }
}
