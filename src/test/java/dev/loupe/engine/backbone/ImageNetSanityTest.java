package dev.loupe.engine.backbone;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * End-to-end check of the TF.js import, the preprocessing and the channel order: MobileNet v1 0.75's own ImageNet
 * classifier must call the sample daisies "daisy". A wrong scaling, BGR order or misplaced weight breaks this.
 */
class ImageNetSanityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ImageNetSanityTest.class);

    @Test
    void fullImageNetClassifierCallsDaisiesDaisy() throws Exception {
        BackboneDescriptor d = BackboneRegistry.bundled().require("mobilenet-v1-0.75");
        FullClassifier classifier = BackboneLoader.loadFullClassifier(d);
        assertThat(classifier.labels()).hasSize(1000);

        List<Path> daisies = TestImages.flowers("daisy", 8);
        INDArray probabilities = classifier.probabilities(TestImages.batch(daisies, classifier.inputSpec()));
        assertThat(probabilities.shape()).containsExactly(8, 1000);
        // Softmax over the classes, not over some other axis of the 4-d output.
        for (double sum : probabilities.sum(1).toDoubleVector()) {
            assertThat(sum).isCloseTo(1.0, within(1e-4));
        }

        List<String> top1 = new ArrayList<>();
        for (int i = 0; i < daisies.size(); i++) {
            INDArray row = probabilities.getRow(i);
            int best = row.argMax().getInt(0);
            top1.add(daisies.get(i).getFileName() + " -> " + classifier.labels().get(best)
                    + String.format(" (%.2f)", row.getDouble(best)));
        }
        LOG.info("MobileNet v1 0.75 ImageNet top-1 on sample daisies: {}", top1);
        long daisy = top1.stream().filter(s -> s.contains("-> daisy (")).count();
        assertThat(daisy).as("top-1 labels of 8 daisy photos: %s", top1).isGreaterThanOrEqualTo(6);
    }
}
