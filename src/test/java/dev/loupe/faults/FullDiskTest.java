package dev.loupe.faults;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writing Loupe's files (model, journal, catalogue) on a full disk: a clear error, the old file whole, no debris. */
class FullDiskTest {

    @TempDir Path dir;
    private SmallDisk disk;

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aModelSavedOnAFullDiskFailsClearlyAndKeepsTheOldFile() throws Exception {
        Results.check("file system", "model file written on a full disk",
                "error names the file and the full disk; old model whole; no temp file", () -> {
                    Path mount = dir.resolve("disk");
                    disk = SmallDisk.tmpfs(mount, 512);
                    Path target = mount.resolve("flowers.loupe");
                    Files.write(target, new byte[100_000]);
                    String old = Hashes.sha256(target);
                    AtomicFiles.Writer big = out -> out.write(new byte[4 << 20]);
                    AtomicFiles.Writer writer = disk != null ? big : out -> {
                        out.write(new byte[1000]);
                        throw new IOException("No space left on device");
                    };
                    Results.note(disk != null ? "512 KB tmpfs" : "not root: a writer that fails like a full disk");
                    assertThatThrownBy(() -> AtomicFiles.write(target, writer))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining(target.toString())
                            .hasMessageContaining("disk is full").hasMessageContaining("Free some space");
                    assertThat(Hashes.sha256(target)).isEqualTo(old);
                    assertThat(list(mount)).containsExactly("flowers.loupe");
                });
    }

    @Test
    void anEditWhoseJournalCannotBeWrittenIsRolledBack() throws Exception {
        Results.check("file system", "journal written on a full disk during an edit",
                "edit not made (or rolled back), error names the journal; history unchanged; next edit works", () -> {
                    Path ds = dir.resolve("disk");
                    disk = SmallDisk.tmpfs(ds, 512);
                    org.junit.jupiter.api.Assumptions.assumeTrue(disk != null, "needs root to mount a tmpfs");
                    Results.note("512 KB tmpfs holding the dataset");
                    TestImages.dataset(ds, 3, Color.RED, Color.BLUE);
                    DatasetEditor editor = DatasetEditor.open(ds);
                    editor.makeClass("green");
                    Map<String, String> before = DatasetHashes.of(ds);
                    Path filler = disk.fill();
                    assertThatThrownBy(() -> editor.moveImages(List.of("red/img0.png", "red/img1.png"), "blue"))
                            .isInstanceOf(IOException.class)
                            .hasMessageContaining("journal.json").hasMessageContaining("the dataset is as before");
                    Files.delete(filler);
                    DatasetHashes.assertUnchanged(ds, before);
                    assertThat(DatasetEditor.open(ds).history()).hasSize(1);
                    assertThat(editor.history()).hasSize(1);
                    assertThat(list(ds.resolve(".loupe"))).containsExactly("journal.json");
                    assertThat(editor.moveImages(List.of("red/img0.png"), "blue")).isPresent();
                    assertThat(DatasetEditor.open(ds).history()).hasSize(2);
                });
    }

    @Test
    void featuresOnAFullDiskFailClearlyAndTheCatalogueStillOpens() throws Exception {
        Results.check("file system", "catalogue written on a full disk",
                "error names the catalogue and the full disk; catalogue opens after; next run completes", () -> {
                    Path ds = dir.resolve("disk");
                    disk = SmallDisk.tmpfs(ds, 768);
                    org.junit.jupiter.api.Assumptions.assumeTrue(disk != null, "needs root to mount a tmpfs");
                    Results.note("768 KB tmpfs holding the dataset");
                    TestImages.dataset(ds, 40, Color.RED, Color.BLUE);
                    Map<String, String> before = DatasetHashes.of(ds);
                    try (Catalogue c = Catalogue.open(ds)) {
                        assertThat(c.location()).startsWith(ds);
                    }
                    Path filler = disk.fill();
                    assertThatThrownBy(() -> features(ds)).isInstanceOf(IOException.class)
                            .hasMessageContaining("catalogue.db").hasMessageContaining("disk is full");
                    Files.delete(filler);
                    DatasetHashes.assertUnchanged(ds, before);
                    assertThat(features(ds)).isEqualTo(80);
                });
    }

    private static int features(Path ds) throws Exception {
        try (Catalogue c = Catalogue.open(ds)) {
            return new FeatureService(new FakeExtractor().factory()).features(new DatasetScanner().scan(ds), c,
                    FakeExtractor.DESCRIPTOR, JobMonitor.silent()).samples().size();
        }
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("filler.bin")).sorted().toList();
        }
    }
}
