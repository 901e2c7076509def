package dev.loupe.faults;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetLock;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Odd dataset folders: read-only, link loops, a class vanishing mid-job, 10,000 files, exotic names. */
class FoldersTest {

    @TempDir Path dir;

    @Test
    void aReadOnlyDatasetIsReadAndNothingIsWrittenIntoIt() throws Exception {
        Results.check("folders", "read-only dataset", "features extracted; catalogue and lock in the user data "
                + "folder; not one file added to or changed in the dataset", () -> {
            Path src = TestImages.dataset(dir.resolve("src"), 4, Color.RED, Color.BLUE);
            SmallDisk ro = SmallDisk.readOnly(src, dir.resolve("ro"));
            Path ds = ro != null ? dir.resolve("ro") : src;
            if (ro == null) {
                src.toFile().setWritable(false);
            }
            Results.note(ro != null ? "read-only bind mount" : "not root: folder without write permission");
            String oldData = System.getProperty("loupe.data.dir");
            System.setProperty("loupe.data.dir", dir.resolve("userdata").toString());
            try (ro) {
                List<String> filesBefore = everything(ds);
                Map<String, String> before = DatasetHashes.of(ds);
                try (DatasetLock lock = DatasetLock.acquire(ds, "test"); Catalogue c = Catalogue.open(ds)) {
                    assertThat(lock.held()).isTrue();
                    assertThat(lock.file()).startsWith(dir.resolve("userdata"));
                    assertThat(c.location()).startsWith(dir.resolve("userdata"));
                    FeatureSet set = new FeatureService(new FakeExtractor().factory())
                            .features(new DatasetScanner().scan(ds), c, FakeExtractor.DESCRIPTOR, JobMonitor.silent());
                    assertThat(set.samples()).hasSize(8);
                }
                assertThat(everything(ds)).isEqualTo(filesBefore);
                DatasetHashes.assertUnchanged(ds, before);
            } finally {
                restore(oldData);
            }
        });
    }

    @Test
    @Timeout(30)
    void aSymbolicLinkLoopInAClassFolderDoesNotTrapTheScan() throws Exception {
        Results.check("folders", "symbolic-link loop inside a class folder", "scan terminates; the images are found;"
                + " links to folders are not classes or images", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 3, Color.RED);
            Files.createSymbolicLink(ds.resolve("red/loop"), ds.resolve("red"));
            Files.createSymbolicLink(ds.resolve("red/up"), ds);
            Files.createSymbolicLink(ds.resolve("red/a"), ds.resolve("red/b"));
            Files.createSymbolicLink(ds.resolve("red/b"), ds.resolve("red/a"));
            DatasetSnapshot snap = new DatasetScanner().scan(ds);
            assertThat(snap.classes()).containsExactly("red");
            assertThat(snap.images()).hasSize(3);
        });
    }

    @Test
    void aClassFolderThatDisappearsDuringAJobIsReportedAndTheRestIsUsed() throws Exception {
        Results.check("folders", "class folder disappears during feature extraction", "its images reported as gone,"
                + " naming each; the other class extracted; files moved away are intact", () -> {
            Path ds = TestImages.dataset(dir.resolve("ds"), 12, Color.RED, Color.BLUE);
            Map<String, String> before = DatasetHashes.of(ds);
            Path away = dir.resolve("moved-away");
            FakeExtractor fake = new FakeExtractor();
            // A user drags the blue folder out of the dataset in their file manager once extraction has begun.
            ExtractorFactory factory = d -> {
                try {
                    Files.move(ds.resolve("blue"), away);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return fake;
            };
            FeatureSet set;
            try (Catalogue c = Catalogue.open(ds)) {
                set = new FeatureService(factory).features(new DatasetScanner().scan(ds), c,
                        FakeExtractor.DESCRIPTOR, JobMonitor.silent());
            }
            assertThat(set.samples()).hasSize(12).allMatch(s -> s.image().label().equals("red"));
            assertThat(set.problems()).hasSize(12).allSatisfy(p -> {
                assertThat(p.relativePath()).startsWith("blue/img");
                assertThat(p.reason()).contains("moved or deleted after the scan").contains("scan the dataset again");
            });
            Results.note(set.problems().get(0).toString());
            Files.move(away, ds.resolve("blue"));
            DatasetHashes.assertUnchanged(ds, before);
        });
    }

    @Test
    void tenThousandFilesInOneFolderAreScannedQuickly() throws Exception {
        Results.check("folders", "10,000 files in one class folder", "all 10,000 listed by the scan, in seconds",
                () -> {
                    Path cls = Files.createDirectories(dir.resolve("ds/many"));
                    for (int i = 0; i < 10_000; i++) {
                        Files.createFile(cls.resolve(String.format("img%05d.png", i)));
                    }
                    long start = System.nanoTime();
                    DatasetSnapshot snap = new DatasetScanner().scan(dir.resolve("ds"));
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(snap.images()).hasSize(10_000);
                    assertThat(millis).isLessThan(10_000);
                    Results.note("scan took " + millis + " ms (empty files: a scan-only check)");
                });
    }

    @Test
    void namesWithSpacesAccentsEmojiAndCaseOnlyDifferencesWork() throws Exception {
        Results.check("folders", "names with spaces, accents, emoji, differing only by case", "every image "
                + "extracted under its own name; a move and its undo keep every file", () -> {
            Path ds = dir.resolve("ds");
            String[] classes = {"with space", "café crème", "🌸 blossom"};
            for (int c = 0; c < classes.length; c++) {
                TestImages.png(ds.resolve(classes[c]).resolve("Ä photo 😀.png"), Color.RED, 16, c);
                TestImages.png(ds.resolve(classes[c]).resolve("leaf.png"), Color.GREEN, 16, c + 10);
                TestImages.png(ds.resolve(classes[c]).resolve("LEAF.png"), Color.BLUE, 16, c + 20);
            }
            Map<String, String> before = DatasetHashes.of(ds);
            FeatureSet set;
            try (Catalogue c = Catalogue.open(ds)) {
                set = new FeatureService(new FakeExtractor().factory()).features(new DatasetScanner().scan(ds), c,
                        FakeExtractor.DESCRIPTOR, JobMonitor.silent());
            }
            assertThat(set.samples()).hasSize(9);
            assertThat(set.problems()).isEmpty();
            assertThat(set.samples()).extracting(s -> s.image().relativePath())
                    .contains("🌸 blossom/Ä photo 😀.png", "café crème/leaf.png", "café crème/LEAF.png");
            DatasetEditor editor = DatasetEditor.open(ds);
            editor.moveImages(List.of("with space/Ä photo 😀.png", "with space/LEAF.png"), "🌸 blossom");
            assertThat(ds.resolve("🌸 blossom/Ä photo 😀 (2).png")).exists();
            editor.undo();
            DatasetHashes.assertUnchanged(ds, before);
        });
    }

    private static List<String> everything(Path ds) throws Exception {
        try (Stream<Path> s = Files.walk(ds)) {
            return s.map(p -> ds.relativize(p).toString()).sorted().toList();
        }
    }

    private static void restore(String old) {
        if (old == null) {
            System.clearProperty("loupe.data.dir");
        } else {
            System.setProperty("loupe.data.dir", old);
        }
    }
}
