package dev.loupe.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.cli.CliRun;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.util.Hashes;
import dev.loupe.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance run on the 200 real flower photos: train, add ten photos, train again; only the ten are
 * extracted, and the model reaches the promised validation accuracy with the default backbone.
 */
class FlowersEndToEndTest {

    @TempDir Path dir;

    @Test
    void retrainAfterTenNewPhotosExtractsOnlyThoseAndTheModelIsAccurate() throws Exception {
        Path flowers = dir.resolve("flowers");
        List<Path[]> heldBack = copyFlowersHoldingBackTwoPerClass(flowers);
        Path model = dir.resolve("flowers.loupe");

        // By default (auto) each training photo of a split this small also gets 2 augmented variants, extracted
        // with it once: the ten new photos cost themselves and the variants of those that train.
        int trained = training(flowers);
        String first = cli("train", flowers.toString(), "-o", model.toString(), "-q");
        assertThat(first).contains("Features: " + (190 + 2 * trained) + " extracted, 0 cached");

        for (Path[] copy : heldBack) {
            Files.copy(copy[0], copy[1]);
        }
        int added = training(flowers) - trained;
        String second = cli("train", flowers.toString(), "-o", model.toString(), "-q");
        assertThat(second).contains("Features: " + (10 + 2 * added) + " extracted, " + (190 + 2 * trained)
                + " cached");

        JsonNode manifest = new ObjectMapper().readTree(cli("info", model.toString(), "--json"));
        JsonNode metrics = manifest.get("provenance").get("metrics");
        // 34 of the 42 validation photos. The head search (on by default) chooses softmax regression, L2 0.005, here
        // by 3-fold cross-validation of the training photos (0.842 against the fixed head's 0.797), which gets two
        // photos fewer of these 42 than the fixed head (36); over 5 folds of all 200 photos it scores 0.860 on seeds
        // 42 and 7 against the fixed head's 0.845 and 0.865 (docs/benchmarks.md, the quiet re-measure of 09:01).
        assertThat(metrics.get("validationAccuracy").asDouble()).as(second).isGreaterThanOrEqualTo(34.0 / 42);
        assertThat(second).contains("Head: ").contains("cross-validation of the");
        assertThat(metrics.get("trainImages").asInt() + metrics.get("validationImages").asInt()).isEqualTo(200);

        String evaluation = cli("evaluate", model.toString(), flowers.toString(), "-q");
        assertThat(evaluation).contains("Accuracy on validation split (20%)");
        String daisy = cli("classify", model.toString(), heldBack.get(0)[1].toString(), "-q");
        assertThat(daisy).startsWith(heldBack.get(0)[1] + ": ");
    }

    /** Copies the flowers, keeping back the first two photos of each class; returns (source, destination) pairs. */
    private static List<Path[]> copyFlowersHoldingBackTwoPerClass(Path target) throws IOException {
        List<Path[]> held = new ArrayList<>();
        Path source = SharedData.flowers();
        try (Stream<Path> classes = Files.list(source)) {
            for (Path cls : classes.filter(Files::isDirectory).sorted().toList()) {
                Files.createDirectories(target.resolve(cls.getFileName().toString()));
                List<Path> photos;
                try (Stream<Path> files = Files.list(cls)) {
                    photos = files.sorted().toList();
                }
                for (int i = 0; i < photos.size(); i++) {
                    Path dest = target.resolve(source.relativize(photos.get(i)).toString());
                    if (i < 2) {
                        held.add(new Path[]{photos.get(i), dest});
                    } else {
                        Files.copy(photos.get(i), dest);
                    }
                }
            }
        }
        return held;
    }

    /** The photos of the dataset in its training split (the default 20% held out by content hash). */
    private static int training(Path dataset) throws IOException {
        try (Stream<Path> files = Files.walk(dataset)) {
            int n = 0;
            for (Path f : files.filter(f -> f.toString().endsWith(".jpg")).toList()) {
                n += DatasetSplit.isValidation(Hashes.sha256(f), 20) ? 0 : 1;
            }
            return n;
        }
    }

    private static String cli(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as("loupe %s\n%s", String.join(" ", args), run.err()).isZero();
        return run.out();
    }
}
