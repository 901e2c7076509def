package dev.loupe.engine.audit;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.catalogue.FileHashStore;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.engine.jobs.JobMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetAuditorTest {

    @TempDir
    Path root;

    @Test
    void findsDuplicatesUnreadableTinyEmptySingleAndImbalance() throws Exception {
        for (int i = 0; i < 7; i++) {
            TestImages.png(root.resolve("big/" + i + ".png"), i);
        }
        Files.createDirectories(root.resolve("small"));
        Files.copy(root.resolve("big/0.png"), root.resolve("small/copy.png"));
        TestImages.png(root.resolve("small/1.png"), 50, 16);
        Files.writeString(root.resolve("big/broken.jpg"), "not really a jpeg");
        Files.createDirectories(root.resolve("empty"));
        TestImages.png(root.resolve("lonely/1.png"), 60);

        AuditReport report = new DatasetAuditor().audit(new DatasetScanner().scan(root), JobMonitor.silent());

        assertThat(report.findings()).extracting(AuditFinding::kind).containsExactly(
                AuditFinding.Kind.UNREADABLE, AuditFinding.Kind.DUPLICATE, AuditFinding.Kind.TINY_IMAGE,
                AuditFinding.Kind.EMPTY_CLASS, AuditFinding.Kind.SINGLE_IMAGE_CLASS, AuditFinding.Kind.IMBALANCE);
        assertThat(report.findings().get(1).images()).containsExactlyInAnyOrder("big/0.png", "small/copy.png");
        assertThat(report.findings().get(1).message()).contains("different classes");
        assertThat(report.findings().get(5).classes()).containsExactly("big", "lonely");
    }

    @Test
    void anAuditReusesTheCataloguesHashesAndDecodesOnlyImagesNeverDecodedBefore() throws Exception {
        TestImages.smallDataset(root);
        TestImages.png(root.resolve("b/4.png"), 4);
        DatasetSnapshot snap = new DatasetScanner().scan(root);
        assertThat(new DatasetAuditor().audit(snap, JobMonitor.silent()).decoded()).isEqualTo(4);
        try (Catalogue c = Catalogue.open(root)) {
            new FeatureService(new FakeExtractor().factory()).features(snap, c, FakeExtractor.DESCRIPTOR,
                    JobMonitor.silent());
            // The catalogue's word for b/3.png (same size and time as on disk) is a/1.png's hash: trusted, not re-read.
            var attrs = Files.readAttributes(root.resolve("b/3.png"), java.nio.file.attribute.BasicFileAttributes.class);
            c.fileHashes().putAll(Map.of("b/3.png", new FileHashStore.Entry(attrs.size(),
                    attrs.lastModifiedTime().toMillis(), Hashes.sha256(root.resolve("a/1.png")))));
        }

        AuditReport again = new DatasetAuditor().audit(snap, JobMonitor.silent());

        assertThat(again.decoded()).as("every image's features are cached: headers only").isZero();
        assertThat(again.findings()).extracting(AuditFinding::images)
                .contains(List.of("a/1.png", "b/3.png"));
    }

    @Test
    void aBalancedDatasetIsClean() throws Exception {
        TestImages.smallDataset(root);
        TestImages.png(root.resolve("b/4.png"), 4);
        assertThat(new DatasetAuditor().audit(new DatasetScanner().scan(root), JobMonitor.silent()).isClean()).isTrue();
    }

    /** Issue 17: 2,000 "tiny image" findings on a 28×28 dataset were 2,000 rows; they are one grouped finding. */
    @Test
    void manyTinyImagesAreOneFinding() throws Exception {
        Path small = root.resolve("small-set");
        for (int i = 0; i < 8; i++) {
            TestImages.png(small.resolve((i % 2 == 0 ? "a/" : "b/") + i + ".png"), i, 28);
        }
        var report = new DatasetAuditor().audit(new DatasetScanner().scan(small), JobMonitor.silent());
        assertThat(report.findings()).filteredOn(f -> f.kind() == AuditFinding.Kind.TINY_IMAGE).singleElement()
                .satisfies(f -> {
                    assertThat(f.images()).hasSize(8);
                    assertThat(f.classes()).containsExactly("a", "b");
                    assertThat(f.message()).startsWith("8 images are under 32 px (e.g. a/0.png is 28×28 px)");
                });
    }
}
