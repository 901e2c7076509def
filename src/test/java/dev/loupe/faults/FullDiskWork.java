package dev.loupe.faults;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneLoader;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.edit.DatasetEditor;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.finetune.BackboneTop;
import dev.loupe.engine.finetune.CutActivations;
import dev.loupe.engine.finetune.CutRunner;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.ForwardingMonitor;
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
                case "add" -> add(disk);
                case "cutmaps" -> cutMaps(disk);
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
                .hasMessageContaining("disk is full").hasMessageContaining("Free some space")
                .message().as("the space free once the temporary file is gone").doesNotContain("(0 KB free)");
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

    /**
     * An import that fills the disk: the copies made before the failing one are Loupe's own (their sources are
     * untouched), so they are removed and the disk is as free as before, and the message says so.
     */
    private static void add(Path ds) throws Exception {
        TestImages.dataset(ds, 2, Color.RED, Color.BLUE);
        DatasetEditor editor = DatasetEditor.open(ds);
        editor.makeClass("green");
        Path photos = ds.getParent().resolve("photos");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 40; i++) {
            java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(100, 100,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < 100 * 100; p++) {
                noise.setRGB(p % 100, p / 100, random.nextInt(0xFFFFFF));
            }
            TestImages.write(noise, "png", photos.resolve(String.format("p%02d.png", i)));
        }
        Map<String, String> sources = DatasetHashes.of(photos);
        Map<String, String> before = DatasetHashes.of(ds);
        long free = Files.getFileStore(ds).getUsableSpace();
        assertThatThrownBy(() -> editor.add("green", List.of(photos), false)).isInstanceOf(IOException.class)
                .hasMessageContaining("the disk is full").hasMessageContaining("made before it were removed again")
                .hasMessageContaining("Free some space");
        DatasetHashes.assertUnchanged(ds, before);
        DatasetHashes.assertUnchanged(photos, sources);
        assertThat(Files.getFileStore(ds).getUsableSpace()).as("space freed again").isGreaterThan(free - 16384);
        try (Stream<Path> all = Files.walk(ds)) {
            assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".loupe-copy"));
        }
        assertThat(ds.resolve(".loupe/trash")).doesNotExist();
        assertThat(editor.history()).hasSize(1);
        assertThat(editor.add("green", List.of(photos.resolve("p00.png"), photos.resolve("p01.png")), false)
                .added()).hasSize(2);
    }

    /**
     * The maps of fine-tuning's cut (mobilenet-v1-0.25, 12,544 bytes a photo) on a disk too full for them: refused
     * before the backbone runs, and when the disk fills while they are written (a filler made at the first progress
     * report), each naming the folder, the size needed and what to do, leaving no temporary file; once the space is
     * free again they are written whole.
     */
    private static void cutMaps(Path disk) throws Exception {
        List<Path> photos = new java.util.ArrayList<>();
        for (int i = 0; i < 48; i++) {
            photos.add(TestImages.png(disk.getParent().resolve("photos/p" + i + ".png"), new Color(i * 5, 90, 40),
                    32, i));
        }
        Path maps = Files.createDirectories(disk.resolve("finetune")).resolve("cut-maps.bin");
        Backbone backbone = BackboneLoader.load(BackboneRegistry.bundled().require("mobilenet-v1-0.25"));
        try (CutRunner runner = new CutRunner(BackboneTop.find(backbone, 1))) {
            Path filler = SmallDisk.fill(disk);
            assertThatThrownBy(() -> runner.extract(photos, null, maps, 2, JobMonitor.silent()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no room for the cut maps of 48 photos (0.6 MB)")
                    .hasMessageContaining(disk.resolve("finetune").toString()).hasMessageContaining("Free some space");
            Files.delete(filler);
            JobMonitor fillsTheDisk = new ForwardingMonitor(JobMonitor.silent()) {
                @Override
                public void progress(long done, long total) {
                    try {
                        if (!Files.exists(disk.resolve("filler.bin"))) {
                            SmallDisk.fill(disk);
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            assertThatThrownBy(() -> runner.extract(photos, null, maps, 2, fillsTheDisk))
                    .isInstanceOf(IOException.class).hasMessageContaining("no room for the cut maps")
                    .hasMessageContaining("Free some space");
            assertThat(list(maps.getParent())).as("no half-written maps").isEmpty();
            Files.delete(disk.resolve("filler.bin"));
            runner.extract(photos, null, maps, 2, JobMonitor.silent());
        } finally {
            backbone.graph().close();
        }
        try (CutActivations.Reader whole = new CutActivations.Reader(maps)) {
            assertThat(whole.count()).isEqualTo(48);
        }
        assertThat(list(maps.getParent())).containsExactly("cut-maps.bin");
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
