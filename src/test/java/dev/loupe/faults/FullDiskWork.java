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

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The full-disk cases, run by {@link FullDiskTest} in a child JVM whose {@code args[1]} is a small tmpfs mounted in
 * its own mount namespace (see {@link PrivateDisk}). Each case asserts for itself; the child prints
 * {@code lost: N} (user files found lost or altered) and exits 0 only if every assertion held.
 */
public final class FullDiskWork {

    private FullDiskWork() {
    }

    public static void main(String[] args) throws Exception {
        Path disk = Path.of(args[1]);
        try {
            switch (args[0]) {
                case "model" -> model(disk);
                case "journal" -> journal(disk);
                case "catalogue" -> catalogue(disk);
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("passed");
        } finally {
            System.out.println("lost: " + Results.lostSoFar());
        }
    }

    private static void model(Path disk) throws Exception {
        Path target = disk.resolve("flowers.loupe");
        Files.write(target, new byte[100_000]);
        String old = Hashes.sha256(target);
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(new byte[4 << 20])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining("disk is full").hasMessageContaining("Free some space");
        assertThat(Hashes.sha256(target)).isEqualTo(old);
        assertThat(list(disk)).containsExactly("flowers.loupe");
    }

    private static void journal(Path ds) throws Exception {
        TestImages.dataset(ds, 3, Color.RED, Color.BLUE);
        DatasetEditor editor = DatasetEditor.open(ds);
        editor.makeClass("green");
        Map<String, String> before = DatasetHashes.of(ds);
        Path filler = SmallDisk.fill(ds);
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
    }

    private static void catalogue(Path ds) throws Exception {
        TestImages.dataset(ds, 40, Color.RED, Color.BLUE);
        Map<String, String> before = DatasetHashes.of(ds);
        try (Catalogue c = Catalogue.open(ds)) {
            assertThat(c.location()).startsWith(ds);
        }
        Path filler = SmallDisk.fill(ds);
        assertThatThrownBy(() -> features(ds)).isInstanceOf(IOException.class)
                .hasMessageContaining("catalogue.db").hasMessageContaining("disk is full");
        Files.delete(filler);
        DatasetHashes.assertUnchanged(ds, before);
        assertThat(features(ds)).isEqualTo(80);
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
