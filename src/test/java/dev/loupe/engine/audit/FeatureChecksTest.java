package dev.loupe.engine.audit;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake backbone's features are mean colours, so each class is a band of hues two hundredths apart (cosine under
 * 0.998) and a near-duplicate is the same hue with other noise (cosine above 0.9999); hence a 0.999 threshold here.
 */
class FeatureChecksTest {

    private static final FeatureChecks CHECKS = new FeatureChecks(0.999, 5, 0.7, 20);
    private static final float[] CLASS_HUES = {0f, 1 / 3f, 2 / 3f};
    private static final String[] CLASSES = {"red", "green", "blue"};

    @TempDir Path root;
    private final FakeExtractor fake = new FakeExtractor();

    @Test
    void aCleanDatasetHasNoFeatureFindings() throws Exception {
        cleanDataset();
        assertThat(audit().isClean()).isTrue();
    }

    @Test
    void nearDuplicatesAreGroupedAndOnlyThoseAcrossTheSplitAreLeakage() throws Exception {
        cleanDataset();
        copyOnSide("green/same.png", root.resolve("green/g0.png"), 1 / 3f, true);
        copyOnSide("blue/across.png", root.resolve("blue/b2.png"), 2 / 3f + 0.04f, false);

        AuditReport report = audit();

        assertThat(findings(report, AuditFinding.Kind.NEAR_DUPLICATE)).extracting(f -> Set.copyOf(f.images()))
                .containsExactlyInAnyOrder(Set.of("green/g0.png", "green/same.png"),
                        Set.of("blue/b2.png", "blue/across.png"));
        assertThat(findings(report, AuditFinding.Kind.LEAKAGE)).singleElement()
                .satisfies(f -> assertThat(f.images()).containsExactlyInAnyOrder("blue/b2.png", "blue/across.png"));
        assertThat(findings(report, AuditFinding.Kind.LIKELY_MISLABEL)).isEmpty();
    }

    @Test
    void anImageInTheWrongFolderIsFlaggedWithTheClassItLooksLike() throws Exception {
        cleanDataset();
        image("red", "stray.png", 2 / 3f + 0.05f, 77);

        List<AuditFinding> mislabels = findings(audit(), AuditFinding.Kind.LIKELY_MISLABEL);

        assertThat(mislabels).singleElement().satisfies(f -> {
            assertThat(f.images()).containsExactly("red/stray.png");
            assertThat(f.classes()).containsExactly("red", "blue");
            assertThat(f.message()).contains("looks like blue").contains("5 of its 5");
        });
    }

    /** Six images per class, hues 0.02 apart; the noise seed makes every file's bytes differ. */
    private void cleanDataset() {
        for (int c = 0; c < CLASSES.length; c++) {
            for (int i = 0; i < 6; i++) {
                image(CLASSES[c], CLASSES[c].charAt(0) + "" + i + ".png", CLASS_HUES[c] + 0.02f * i, c * 100L + i);
            }
        }
    }

    private Path image(String cls, String name, float hue, long seed) {
        return TestImages.png(root.resolve(cls).resolve(name), Color.getHSBColor(hue, 0.8f, 0.9f), 32, seed);
    }

    /** Re-draws {@code hue} with new noise until the copy is on the same side of the split as {@code original} or not. */
    private void copyOnSide(String path, Path original, float hue, boolean sameSide) throws Exception {
        boolean side = DatasetSplit.isValidation(Hashes.sha256(original), 20);
        for (long seed = 1000; ; seed++) {
            Path p = TestImages.png(root.resolve(path), Color.getHSBColor(hue, 0.8f, 0.9f), 32, seed);
            if ((DatasetSplit.isValidation(Hashes.sha256(p), 20) == side) == sameSide) {
                return;
            }
        }
    }

    private AuditReport audit() throws Exception {
        DatasetSnapshot snapshot = new DatasetScanner().scan(root);
        FeatureSet features;
        try (Catalogue c = Catalogue.open(root)) {
            features = new FeatureService(fake.factory()).features(snapshot, c, FakeExtractor.DESCRIPTOR,
                    JobMonitor.silent());
        }
        return new DatasetAuditor(CHECKS).audit(snapshot, features, JobMonitor.silent());
    }

    private static List<AuditFinding> findings(AuditReport report, AuditFinding.Kind kind) {
        return report.findings().stream().filter(f -> f.kind() == kind).toList();
    }
}
