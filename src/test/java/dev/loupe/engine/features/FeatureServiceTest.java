package dev.loupe.engine.features;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureServiceTest {

    @TempDir Path root;
    private final FakeExtractor fake = new FakeExtractor();

    private FeatureSet run() throws Exception {
        try (Catalogue c = Catalogue.open(root)) {
            return new FeatureService(fake.factory()).features(new DatasetScanner().scan(root), c,
                    FakeExtractor.DESCRIPTOR, JobMonitor.silent());
        }
    }

    @Test
    void featuresAreComputedOnceThenComeFromTheCacheWithoutLoadingTheBackbone() throws Exception {
        TestImages.dataset(root, 3, Color.RED, Color.BLUE);
        FeatureSet first = run();
        assertThat(first.extracted()).isEqualTo(6);
        assertThat(first.cached()).isZero();
        assertThat(first.samples()).hasSize(6);
        float[] red = first.samples().stream().filter(s -> s.image().label().equals("red")).findFirst()
                .orElseThrow().features();
        assertThat(red[0]).isGreaterThan(0.8f);
        assertThat(red[2]).isLessThan(0.2f);

        FeatureSet second = run();
        assertThat(second.extracted()).isZero();
        assertThat(second.cached()).isEqualTo(6);
        assertThat(fake.opened.get()).isEqualTo(1);
    }

    @Test
    void renamingOrRelabellingAnImageRecomputesNothingButChangingItsBytesDoes() throws Exception {
        TestImages.dataset(root, 3, Color.RED, Color.BLUE);
        run();
        Files.move(root.resolve("red/img0.png"), root.resolve("red/renamed.png"));
        Files.move(root.resolve("red/img1.png"), root.resolve("blue/was-red.png"));
        FeatureSet moved = run();
        assertThat(moved.extracted()).isZero();
        assertThat(moved.samples()).anyMatch(s -> s.image().relativePath().equals("blue/was-red.png")
                && s.image().label().equals("blue"));

        TestImages.png(root.resolve("red/img2.png"), Color.GREEN, 32, 999);
        FeatureSet changed = run();
        assertThat(changed.extracted()).isEqualTo(1);
        assertThat(changed.cached()).isEqualTo(5);
    }

    @Test
    void unreadableImagesAreListedWithTheirReasonAndTheRestCarriesOn() throws Exception {
        TestImages.dataset(root, 3, Color.RED, Color.BLUE);
        Files.write(root.resolve("red/empty.jpg"), new byte[0]);
        Files.writeString(root.resolve("blue/text.jpg"), "not a photo");
        FeatureSet set = run();
        assertThat(set.samples()).hasSize(6);
        assertThat(set.problems()).extracting(ImageProblem::relativePath)
                .containsExactly("blue/text.jpg", "red/empty.jpg");
        assertThat(set.problems().get(1).reason()).contains("empty");
    }

    @Test
    void identicalImagesInTwoPlacesAreExtractedOnce() throws Exception {
        TestImages.dataset(root, 2, Color.RED, Color.BLUE);
        Files.copy(root.resolve("red/img0.png"), root.resolve("blue/copy.png"));
        FeatureSet set = run();
        assertThat(set.samples()).hasSize(5);
        assertThat(fake.images.get()).isEqualTo(4);
    }
}
