package dev.loupe.faults;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.features.FeatureService;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.testing.FakeExtractor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad or odd image, through the real feature pipeline (scan, hash, decode, cache) once. */
class BadImagesTest {

    @TempDir static Path dir;
    private static Map<String, Boolean> usable;
    private static Map<String, String> before;
    private static FeatureSet result;
    private static Map<String, String> after;

    @BeforeAll
    static void runThePipelineOnce() throws Exception {
        Path ds = dir.resolve("salted");
        usable = BadImages.write(ds.resolve("mixed"));
        before = DatasetHashes.of(ds);
        try (Catalogue catalogue = Catalogue.open(ds)) {
            result = new FeatureService(new FakeExtractor().factory())
                    .features(new DatasetScanner().scan(ds), catalogue, FakeExtractor.DESCRIPTOR, JobMonitor.silent());
        }
        after = DatasetHashes.of(ds);
    }

    @TestFactory
    Stream<DynamicTest> eachImageIsUsedOrReportedWithAReasonNamingIt() {
        return usable.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> Results.check("images",
                e.getKey(), e.getValue() ? "decoded and its features used" : "reported as mixed/" + e.getKey()
                        + " with a reason; the rest still used", () -> {
                    String rel = "mixed/" + e.getKey();
                    Optional<ImageProblem> problem = result.problems().stream()
                            .filter(p -> p.relativePath().equals(rel)).findFirst();
                    boolean used = result.samples().stream().map(Sample::image)
                            .anyMatch(i -> i.relativePath().equals(rel));
                    if (e.getValue()) {
                        assertThat(problem).as(rel + " should be usable").isEmpty();
                        assertThat(used).as(rel + " used").isTrue();
                    } else {
                        assertThat(used).isFalse();
                        assertThat(problem).as(rel + " reported").isPresent();
                        assertThat(problem.get().toString()).startsWith(rel + ": ");
                        assertThat(problem.get().reason()).isNotBlank().doesNotContain("Exception");
                        Results.note(problem.get().reason());
                    }
                    int lost = before.get(rel).equals(after.get(rel)) ? 0 : 1;
                    Results.lost(lost);
                    assertThat(lost).as(rel + " unchanged").isZero();
                })));
    }
}
