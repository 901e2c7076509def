package dev.loupe.engine.bench;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.FakeExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

class RetrainBenchTest {

    /** Two photos of each of the five flower classes, in class order like a scanned folder. */
    private static List<Path> sources() throws Exception {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> classes = Files.list(Path.of("sample-datasets/flowers"))) {
            for (Path c : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> photos = Files.list(c)) {
                    out.addAll(photos.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(2).toList());
                }
            }
        }
        return out;
    }

    @Test
    void variantsAreNewContentInTheirClassFoldersAndAFewStillCoverEveryClass(@TempDir Path root) throws Exception {
        List<Path> sources = sources();
        List<Path> dataset = VariedPhotos.write(sources, 25, 0, 4, root.resolve("dataset"));
        List<Path> added = VariedPhotos.write(sources, 5, 3, 4, root.resolve("new"));

        Set<String> hashes = new HashSet<>();
        for (Path p : sources) {
            hashes.add(Hashes.sha256(p));
        }
        for (Path p : concat(dataset, added)) {
            assertThat(hashes.add(Hashes.sha256(p))).as("a new content hash for %s", p).isTrue();
        }
        assertThat(dataset).hasSize(25);
        assertThat(added).extracting(p -> p.getParent().getFileName().toString())
                .containsExactlyInAnyOrder("daisy", "dandelion", "roses", "sunflowers", "tulips");
        BufferedImage source = ImageIO.read(sources.get(0).toFile());
        BufferedImage smallest = ImageIO.read(added.get(0).toFile());
        assertThat(smallest.getWidth()).isLessThan(source.getWidth());
    }

    @Test
    void theSecondJobExtractsOnlyTheAddedPhotosAndSaysWhereItsTimeWent() throws Exception {
        FakeExtractor fake = new FakeExtractor();
        BenchReport.Retrain r = new RetrainBench(30, 5).run(BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR)),
                "fake", fake.factory(), sources());

        assertThat(r.firstExtracted()).isEqualTo(30);
        assertThat(r.extracted()).isEqualTo(5);
        assertThat(r.cached()).isEqualTo(30);
        assertThat(r.epochs()).isPositive();
        assertThat(r.stages()).extracting(BenchReport.Stage::name).contains("Extracting features")
                .anyMatch(name -> name.startsWith("Training")); // "Training by L-BFGS" for softmax regression
        double staged = r.stages().stream().mapToDouble(BenchReport.Stage::seconds).sum();
        assertThat(staged).isLessThanOrEqualTo(r.seconds() + 0.05);
        assertThat(staged).isGreaterThan(r.seconds() * 0.9);
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
