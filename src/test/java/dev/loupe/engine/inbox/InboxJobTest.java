package dev.loupe.engine.inbox;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;
import dev.loupe.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox loaded end to end on the fake colour backbone: features, suggestions, groups, automatic runs. */
class InboxJobTest {

    @TempDir Path root;
    private final FakeExtractor fake = new FakeExtractor();
    private final BackboneRegistry registry = BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR));
    private final TrainingConfig config = TrainingConfig.defaults().withBackbone("fake").withEpochs(80);

    private void dataset() {
        TestImages.dataset(root, 12, Color.RED, Color.GREEN, Color.BLUE);
        TestImages.png(root.resolve("r1.png"), Color.RED, 32, 501);
        TestImages.png(root.resolve("r2.png"), Color.RED, 32, 502);
        TestImages.png(root.resolve("g1.png"), Color.GREEN, 32, 503);
        TestImages.png(root.resolve("b1.png"), Color.BLUE, 32, 504);
        TestImages.png(root.resolve("white.png"), Color.WHITE, 32, 505); // like nothing labelled
    }

    @Test
    void withoutARunTheInboxHasFeaturesAndGroupsButNoSuggestions() throws Exception {
        dataset();
        Inbox inbox = new InboxJob(registry, fake.factory(), root, null, null, "fake").run(JobMonitor.silent());
        assertThat(inbox.hasModel()).isFalse();
        assertThat(inbox.labelled()).isEqualTo(36);
        assertThat(inbox.photos()).extracting(InboxPhoto::path)
                .containsExactlyInAnyOrder("b1.png", "g1.png", "r1.png", "r2.png", "white.png");
        assertThat(inbox.photos()).allSatisfy(p -> assertThat(p.suggestion()).isNull());
        assertThat(inbox.photo("white.png").orElseThrow().unfamiliar()).isTrue();
        assertThat(inbox.photo("r1.png").orElseThrow().unfamiliar()).isFalse();

        List<InboxGroups.Group> groups = InboxGroups.group(inbox.photos(), 4, 1);
        assertThat(groups).hasSize(4);
        assertThat(groups.get(0).paths()).containsExactlyInAnyOrder("r1.png", "r2.png");
        assertThat(InboxGroups.group(inbox.photos(), 4, 1)).isEqualTo(groups);
        assertThat(inbox.similarTo("r1.png")).extracting(InboxPhoto::path).startsWith("r1.png", "r2.png");
    }

    @Test
    void aTrainedRunSuggestsEachPhotoAndAcceptingThemLabelsThem() throws Exception {
        dataset();
        RunHistory runs = RunHistory.of(root);
        RunRecord run = new TrainJob(new TrainWorkflow(registry, fake.factory()), runs, root, config)
                .run(JobMonitor.silent());
        Inbox inbox = InboxJob.forSelectedRun(registry, fake.factory(), root).run(JobMonitor.silent());
        assertThat(inbox.runId()).isEqualTo(run.id());
        assertThat(inbox.labels()).containsExactly("blue", "green", "red");
        assertThat(inbox.photo("r1.png").orElseThrow().suggestion().label()).isEqualTo("red");
        assertThat(inbox.photo("g1.png").orElseThrow().suggestion().label()).isEqualTo("green");
        assertThat(inbox.photo("b1.png").orElseThrow().suggestion().label()).isEqualTo("blue");
        assertThat(inbox.calibration().confidence()).isNotEmpty();
        assertThat(inbox.sorted(InboxOrder.CONFIDENT)).hasSize(5);

        BulkPlan plan = BulkAcceptance.plan(inbox, 0.5);
        assertThat(plan.byClass().get("red")).containsExactlyInAnyOrder("r1.png", "r2.png");
        assertThat(plan.byClass().values().stream().flatMap(List::stream)).doesNotContain("white.png");

        // A stock model's head reads the cached features: loading again opens no backbone at all.
        java.util.concurrent.atomic.AtomicInteger opens = new java.util.concurrent.atomic.AtomicInteger();
        Inbox again = InboxJob.forSelectedRun(registry, d -> {
            opens.incrementAndGet();
            return fake.factory().open(d);
        }, root).run(JobMonitor.silent());
        assertThat(opens).hasValue(0);
        assertThat(again.photos()).extracting(p -> p.suggestion().label() + p.suggestion().confidence())
                .isEqualTo(inbox.photos().stream().map(p -> p.suggestion().label() + p.suggestion().confidence())
                        .toList());
    }

    @Test
    void theHistoryKeepsTheLatestAutomaticRunAndTheKeptOnes() throws Exception {
        dataset();
        RunHistory runs = RunHistory.of(root);
        runs.saveNextSettings(config);
        TrainWorkflow workflow = new TrainWorkflow(registry, fake.factory());
        RunRecord manual = new TrainJob(workflow, runs, root, config).run(JobMonitor.silent());
        RunRecord first = AutoRetrain.job(registry, fake.factory(), root).run(JobMonitor.silent());
        runs.keep(first.id(), true);
        RunRecord second = AutoRetrain.job(registry, fake.factory(), root).run(JobMonitor.silent());
        RunRecord third = AutoRetrain.job(registry, fake.factory(), root).run(JobMonitor.silent());

        assertThat(third.automatic()).isTrue();
        assertThat(runs.list()).extracting(RunRecord::id)
                .containsExactlyInAnyOrder(manual.id(), first.id(), third.id())
                .doesNotContain(second.id());
        assertThat(runs.get(manual.id()).orElseThrow().automatic()).isFalse();
        assertThat(runs.get(first.id()).orElseThrow().kept()).isTrue();
        assertThat(runs.selected()).contains(third.id());
    }

    @Test
    void anAutomaticRunIsAConvergedSoftmaxRegressionWhoseL2FollowsTheLabelsAndTheUsersRunsKeepTheirSettings()
            throws Exception {
        dataset();
        RunHistory runs = RunHistory.of(root);
        TrainingConfig mine = config.withSeed(7);
        runs.saveNextSettings(mine);
        RunRecord manual = new TrainJob(new TrainWorkflow(registry, fake.factory()), runs, root, mine)
                .run(JobMonitor.silent());
        RunRecord automatic = AutoRetrain.job(registry, fake.factory(), root).run(JobMonitor.silent());

        // 36 labelled photos (the inbox's 5 are not): L2 = 1 / (0.01 x 36), no hidden layer, no head search.
        assertThat(automatic.config().hiddenUnits()).isZero();
        assertThat(automatic.config().autoHead()).isFalse();
        assertThat(automatic.config().l2()).isCloseTo(1 / (0.01 * 36), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(automatic.config().withHead(mine.head(), mine.autoHead())).isEqualTo(mine);
        assertThat(automatic.headChoice()).isNull();
        assertThat(runs.get(manual.id()).orElseThrow().config()).isEqualTo(mine);
        assertThat(runs.nextSettings()).contains(mine);
        // More labels, weaker L2: the same rule the labelling benchmark retrains by.
        assertThat(AutoRetrain.settings(mine, 3600).l2()).isCloseTo(1 / (0.01 * 3600),
                org.assertj.core.data.Offset.offset(1e-12));
    }
}
