package dev.loupe.engine.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    @Test
    void confusionMatrixPerClassFiguresAndMistakes() {
        List<String> labels = List.of("cat", "dog");
        float[][] p = {{0.9f, 0.1f}, {0.8f, 0.2f}, {0.3f, 0.7f}, {0.6f, 0.4f}};
        int[] actual = {0, 0, 1, 1};
        EvaluationReport r = Evaluator.evaluate(labels, p, actual, List.of("a", "b", "c", "d"));
        assertThat(r.confusion()).isDeepEqualTo(new int[][]{{2, 0}, {1, 1}});
        assertThat(r.accuracy()).isEqualTo(0.75);
        ClassMetrics cat = r.perClass().get(0);
        assertThat(cat.precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(cat.recall()).isEqualTo(1.0);
        assertThat(cat.f1()).isCloseTo(0.8, within(1e-9));
        assertThat(r.perClass().get(1).recall()).isEqualTo(0.5);
        assertThat(r.misclassified()).containsExactly(new Misclassified("d", "dog", "cat", 0.6f));
    }

    @Test
    void aClassNeverRightHasF1ZeroAndAClassNeitherPresentNorPredictedHasNone() {
        List<String> labels = List.of("cat", "dog", "fox", "owl");
        // Every dog is called a cat, every fox an owl... and the one owl a fox: none of dog, fox, owl is ever right.
        float[][] p = {{0.9f, 0.1f, 0, 0}, {0.8f, 0.2f, 0, 0}, {0, 0, 0.1f, 0.9f}, {0, 0, 0.9f, 0.1f}};
        int[] actual = {0, 1, 2, 3};
        EvaluationReport r = Evaluator.evaluate(labels, p, actual, List.of("a", "b", "c", "d"));
        ClassMetrics dog = r.perClass().get(1);
        assertThat(dog.precision()).isNaN();
        assertThat(dog.recall()).isZero();
        assertThat(dog.f1()).isZero();
        ClassMetrics fox = r.perClass().get(2);
        assertThat(fox.precision()).isZero();
        assertThat(fox.recall()).isZero();
        assertThat(fox.f1()).isZero();
        EvaluationReport absent = Evaluator.evaluate(List.of("cat", "dog"), new float[][]{{0.9f, 0.1f}},
                new int[]{0}, List.of("a"));
        assertThat(absent.perClass().get(1).f1()).isNaN();
    }

    @Test
    void calibrationErrorIsZeroWhenConfidenceMatchesAccuracy() {
        // Ten predictions at 0.8 confidence, eight of them right.
        float[][] p = new float[10][];
        int[] actual = new int[10];
        for (int i = 0; i < 10; i++) {
            p[i] = new float[]{0.8f, 0.2f};
            actual[i] = i < 8 ? 0 : 1;
        }
        EvaluationReport r = Evaluator.evaluate(List.of("a", "b"), p, actual, java.util.Collections.nCopies(10, "x"));
        assertThat(r.calibrationError()).isCloseTo(0.0, within(1e-6));
        float[][] overconfident = new float[10][];
        java.util.Arrays.fill(overconfident, new float[]{0.99f, 0.01f});
        assertThat(Evaluator.evaluate(List.of("a", "b"), overconfident, actual,
                java.util.Collections.nCopies(10, "x")).calibrationError()).isCloseTo(0.19, within(1e-3));
    }
}
