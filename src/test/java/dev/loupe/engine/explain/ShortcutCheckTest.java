package dev.loupe.engine.explain;

import dev.loupe.cli.CliRun;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.PatchScenes;
import dev.loupe.testing.PatchScenes.Texture;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A planted shortcut: the photos of class "stamped" show a checks or stripes patch, as the other two classes do, and
 * a small logo in their bottom-right corner, the only thing that tells them apart. A model trained on them (the
 * smallest bundled backbone, default settings, as a user's run) must be caught looking there, and the honest classes
 * must not be flagged.
 */
class ShortcutCheckTest {

    private static final int SIZE = 224;
    private static final int PER_CLASS = 40;
    /** The logo's side: 2.6% of the picture, within one 32 px cell of the 7x7 map and its neighbour. */
    private static final int LOGO = 36;

    @TempDir static Path dir;
    private static Path dataset;
    private static Path model;

    @BeforeAll
    static void train() throws Exception {
        dataset = dir.resolve("stamped-dataset");
        Random pick = new Random(11);
        for (int i = 0; i < PER_CLASS; i++) {
            write("checks", PatchScenes.scene(Texture.CHECKS, SIZE, 64, 1000 + i).image(), i);
            write("stripes", PatchScenes.scene(Texture.STRIPES, SIZE, 64, 2000 + i).image(), i);
            Texture either = pick.nextBoolean() ? Texture.CHECKS : Texture.STRIPES;
            write("stamped", stamp(PatchScenes.scene(either, SIZE, 64, 3000 + i).image()), i);
        }
        model = dir.resolve("stamped.loupe");
        TrainingConfig d = TrainingConfig.defaults();
        TrainingConfig config = new TrainingConfig("mobilenet-v1-0.25", d.epochs(), d.learningRate(), d.hiddenUnits(),
                d.dropout(), d.l2(), d.validationPercent(), d.seed(), d.patience(), d.batchSize(), d.classWeights(),
                0);
        new TrainWorkflow(BackboneRegistry.bundled(), ExtractorFactory.onnx())
                .run(dataset, config, model, JobMonitor.silent());
    }

    @Test
    void findsTheClassRecognisedByItsLogoAndOnlyThatOne() throws Exception {
        List<Shortcut> found;
        try (Explainer explainer = Explainer.open(model, BackboneRegistry.bundled(), ExtractorFactory.onnx())) {
            found = ShortcutCheck.standard().check(new DatasetScanner().scan(dataset), explainer, JobMonitor.silent());
        }
        System.out.println("Shortcuts: " + found.stream().map(s -> AuditFinding.shortcut(s).message()).toList());
        assertThat(found).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("stamped");
            assertThat(s.region()).isEqualTo("the bottom-right corner");
            assertThat(s.examples()).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("stamped/"));
            assertThat(AuditFinding.shortcut(s).kind()).isEqualTo(AuditFinding.Kind.SHORTCUT);
        });
    }

    @Test
    void theCommandLineAuditListsItWithTheMapAndExamples() {
        CliRun run = CliRun.of("dataset", "audit", dataset.toString(), "--model", model.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("shortcut").contains("The model tells stamped apart by the bottom-right corner")
                .contains("Where the model looks for stamped").contains("Examples: stamped/");
    }

    /** A {@value #LOGO} px logo near the bottom-right corner: a white disc with a red ring and a dark bar. */
    private static BufferedImage stamp(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        int x = SIZE - LOGO - 6;
        int y = SIZE - LOGO - 6;
        int u = LOGO / 7;
        g.setColor(Color.WHITE);
        g.fillOval(x, y, LOGO, LOGO);
        g.setColor(new Color(210, 20, 30));
        g.fillOval(x + u, y + u, LOGO - 2 * u, LOGO - 2 * u);
        g.setColor(Color.WHITE);
        g.fillOval(x + 2 * u, y + 2 * u, LOGO - 4 * u, LOGO - 4 * u);
        g.setColor(new Color(30, 30, 30));
        g.fillRect(x + LOGO / 2 - u / 2, y + u / 2, u, LOGO - u);
        g.dispose();
        return image;
    }

    private static void write(String cls, BufferedImage image, int i) {
        TestImages.write(image, "png", dataset.resolve(cls).resolve(cls + "-" + i + ".png"));
    }
}
