package dev.loupe.spark;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small dataset of real photos for the cluster tests: a few flowers per class, a JPEG cut in half, a text file in
 * a class folder, and Loupe's own hidden folder, which a cluster job must not read.
 */
final class SparkPhotos {

    static final String CORRUPT = "roses/cut-in-half.jpg";
    static final String TEXT = "daisy/notes.jpg";

    private SparkPhotos() {
    }

    static Path write(Path root, int perClass) throws IOException {
        for (String label : List.of("daisy", "roses")) {
            Path dir = Files.createDirectories(root.resolve(label));
            try (Stream<Path> photos = Files.list(SharedData.flowers().resolve(label))) {
                for (Path photo : photos.sorted().limit(perClass).toList()) {
                    Files.copy(photo, dir.resolve(photo.getFileName()));
                }
            }
        }
        byte[] flower;
        try (Stream<Path> photos = Files.list(root.resolve("roses"))) {
            flower = Files.readAllBytes(photos.sorted().findFirst().orElseThrow());
        }
        Files.write(root.resolve(CORRUPT), Arrays.copyOf(flower, flower.length / 2));
        Files.writeString(root.resolve(TEXT), "not a photo, whatever the name says\n");
        Files.createDirectories(root.resolve(".loupe")).resolve("hidden.jpg").toFile().createNewFile();
        return root;
    }

    /** The desktop engine's features of the dataset's readable images, by content hash (its own catalogue). */
    static Map<String, float[]> desktopFeatures(Path dataset, BackboneDescriptor backbone) throws Exception {
        Map<String, float[]> byHash = new HashMap<>();
        try (Catalogue catalogue = Catalogue.open(dataset)) {
            List<Sample> samples = new FeatureService(ExtractorFactory.standard())
                    .features(new DatasetScanner().scan(dataset), catalogue, backbone, JobMonitor.silent()).samples();
            samples.forEach(s -> byHash.put(s.hash(), s.features()));
        }
        return byHash;
    }
}
