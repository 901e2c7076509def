package dev.loupe.e2e;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.finetune.BackbonePatch;
import dev.loupe.engine.inbox.Inbox;
import dev.loupe.engine.inbox.InboxJob;
import dev.loupe.engine.inbox.InboxPhoto;
import dev.loupe.engine.inference.ModelFeatures;
import dev.loupe.engine.jobs.CancelledException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Hashes;
import dev.loupe.engine.util.Vectors;
import dev.loupe.testing.FineTunedFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.loupe.testing.FineTunedFixture.LABELS;
import static dev.loupe.testing.FineTunedFixture.worst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inbox of a fine-tuned model suggests what the model answers: its head on its own backbone's features, for the
 * suggestions and for the calibration on the validation photos. It read the catalogue's stock features before (issue
 * 18), as {@code loupe evaluate} did ({@link FineTunedEvaluateTest}). The fixture's 9 photos are the inbox; 10 more
 * flowers of each class are labelled.
 */
class FineTunedInboxTest {

    @TempDir
    static Path dir;
    private static FineTunedFixture f;
    private static Path dataset;

    @BeforeAll
    static void trainAndLayOut() throws Exception {
        f = FineTunedFixture.train(dir);
        dataset = dir.resolve("dataset");
        Files.createDirectories(dataset);
        for (Path photo : f.photos()) {
            Files.copy(photo, dataset.resolve(photo.getFileName()));
        }
        for (String label : LABELS) {
            Files.createDirectories(dataset.resolve(label));
            try (Stream<Path> files = Files.list(Path.of("sample-datasets/flowers", label))) {
                for (Path photo : files.sorted().skip(3).limit(10).toList()) {
                    Files.copy(photo, dataset.resolve(label).resolve(photo.getFileName()));
                }
            }
        }
    }

    @Test
    void suggestionsAndCalibrationComeFromTheModelsOwnBackbone() throws Exception {
        AtomicInteger tunedOpens = new AtomicInteger();
        Inbox inbox = load(counting(tunedOpens, false));
        assertThat(inbox.warnings()).isEmpty();
        assertThat(inbox.labels()).isEqualTo(LABELS);
        assertThat(inbox.photos()).hasSize(f.photos().size());
        float[][] stock = f.classifyStock();
        assertThat(worst(stock, f.expected())).as("the head on stock features answers otherwise").isGreaterThan(0.01);
        for (int i = 0; i < f.photos().size(); i++) {
            InboxPhoto p = inbox.photo(f.photos().get(i).getFileName().toString()).orElseThrow();
            assertThat(worst(new float[][] {p.suggestion().probabilities()}, new float[][] {f.expected()[i]}))
                    .as("%s: the trained top's own answer", p.path()).isLessThan(1e-4);
            // The photo keeps the catalogue's stock features, which neighbours and groups compare.
            assertThat(worst(f.bundle().probabilities(new float[][] {p.features()}), new float[][] {stock[i]}))
                    .as("%s: stock features kept", p.path()).isLessThan(1e-4);
        }

        List<Sample> validation = validation();
        List<Sample> own = ModelFeatures.of(f.bundle(), f.file(), validation, BackboneRegistry.bundled(),
                ExtractorFactory.onnx(dir.resolve("cache")), JobMonitor.silent());
        float[][] p = f.bundle().probabilities(own.stream().map(Sample::features).toArray(float[][]::new));
        float[] confidence = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            confidence[i] = p[i][Vectors.argmax(p[i])];
        }
        float[] calibrated = inbox.calibration().confidence().clone();
        Arrays.sort(confidence);
        Arrays.sort(calibrated);
        assertThat(calibrated).hasSize(validation.size()).isNotEmpty();
        for (int i = 0; i < confidence.length; i++) {
            assertThat(Math.abs(calibrated[i] - confidence[i])).as("validation confidence %d", i).isLessThan(1e-4f);
        }
        assertThat(tunedOpens).as("one pass of the tuned backbone, for inbox and validation photos").hasValue(1);
    }

    @Test
    void theTunedPassSaysWhatItRunsAndCancelStopsIt() throws Exception {
        List<String> stages = new CopyOnWriteArrayList<>();
        String tuned = "Running the fine-tuned backbone on " + (f.photos().size() + validation().size()) + " images";
        JobMonitor cancelling = new JobMonitor() {
            @Override public void stage(String name) { stages.add(name); }
            @Override public void progress(long done, long total) { }
            @Override public void status(String message) { }
            @Override public void warning(String message) { }
            @Override public void partial(Partial record) { }
            @Override public boolean isCancelled() { return stages.contains(tuned); }
        };
        assertThatThrownBy(() -> new InboxJob(BackboneRegistry.bundled(), ExtractorFactory.onnx(dir.resolve("cache")),
                dataset, "tuned", f.file(), null).run(cancelling)).isInstanceOf(CancelledException.class);
        assertThat(stages).contains(tuned).noneMatch(s -> s.startsWith("Suggesting labels"));
    }

    @Test
    void aPhotoTheTunedBackboneCannotReadIsLeftOutWithAWarning() throws Exception {
        Path victim = dataset.resolve(f.photos().get(0).getFileName());
        Path saved = dir.resolve("saved.jpg");
        Files.copy(victim, saved);
        try {
            Inbox inbox = load(counting(new AtomicInteger(), true));
            assertThat(inbox.photos()).hasSize(f.photos().size() - 1)
                    .noneMatch(p -> p.file().equals(victim)).allMatch(InboxPhoto::hasSuggestion);
            assertThat(inbox.warnings()).singleElement().asString().startsWith(victim.getFileName().toString())
                    .contains("fine-tuned backbone could not read it");
        } finally {
            Files.copy(saved, victim, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The labelled photos on the validation side of the split (the fixture's model has no provenance: 20%). */
    private static List<Sample> validation() throws Exception {
        List<Sample> validation = new ArrayList<>();
        for (String label : LABELS) {
            try (Stream<Path> files = Files.list(dataset.resolve(label))) {
                for (Path photo : files.sorted().toList()) {
                    String hash = Hashes.sha256(photo);
                    if (DatasetSplit.isValidation(hash, TrainingConfig.DEFAULT_VALIDATION_PERCENT)) {
                        validation.add(new Sample(new ImageEntry(photo, label + "/" + photo.getFileName(), label),
                                hash, new float[f.descriptor().featureDim()]));
                    }
                }
            }
        }
        return validation;
    }

    private static Inbox load(ExtractorFactory extractors) throws Exception {
        return new InboxJob(BackboneRegistry.bundled(), extractors, dataset, "tuned", f.file(), null)
                .run(JobMonitor.silent());
    }

    /**
     * ONNX Runtime, counting the fine-tuned backbone's opens; {@code spoil}: the first inbox photo is overwritten with
     * bytes that are no image when the tuned backbone opens, after the stock features were read.
     */
    private static ExtractorFactory counting(AtomicInteger tunedOpens, boolean spoil) {
        ExtractorFactory onnx = ExtractorFactory.onnx(dir.resolve("cache"));
        return new ExtractorFactory() {
            @Override
            public FeatureExtractor open(BackboneDescriptor backbone) throws BackboneException {
                return onnx.open(backbone);
            }

            @Override
            public FeatureExtractor open(BackboneDescriptor backbone, BackbonePatch patch) throws BackboneException {
                if (patch != null) {
                    tunedOpens.incrementAndGet();
                    if (spoil) {
                        try {
                            Files.write(dataset.resolve(f.photos().get(0).getFileName()), new byte[] {1, 2, 3});
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                return onnx.open(backbone, patch);
            }
        };
    }
}
