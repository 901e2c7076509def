package dev.loupe.engine.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageClockTest {

    @Test
    void eachStageLastsUntilTheNextOneStarts() throws Exception {
        StageClock clock = new StageClock();
        clock.stage("Scanning /tmp/x/dataset");
        Thread.sleep(30);
        clock.stage("Training");

        assertThat(clock.stages()).extracting(BenchReport.Stage::name)
                .containsExactly("Starting", "Scanning dataset", "Training");
        assertThat(clock.stages().get(1).seconds()).isGreaterThanOrEqualTo(0.03);
    }

    @Test
    void labelsDropDetailsAfterAColonAndShortenPaths() {
        assertThat(StageClock.label("Scanning /tmp/loupe-bench-retrain1/dataset")).isEqualTo("Scanning dataset");
        assertThat(StageClock.label("Extracting features: 10 new, 1000 cached")).isEqualTo("Extracting features");
        assertThat(StageClock.label("Saving model.loupe")).isEqualTo("Saving model.loupe");
    }
}
