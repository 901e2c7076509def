package dev.loupe.ui.train;

import dev.loupe.engine.runs.RunHistory;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.RunState;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.training.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The run list's accuracy figure: a run stopped after an epoch shows what it reached, marked as unfinished. */
class RunListAccuracyTest {

    @TempDir
    Path tmp;

    @Test
    void aCancelledRunShowsItsBestEpochSoFarAndOneWithNoEpochADash() throws Exception {
        RunHistory history = RunHistory.of(tmp);
        TrainingConfig tuning = TrainingConfig.defaults().withFineTune(1);
        RunRecord cancelled = history.start(tuning).ended(RunState.CANCELLED, null,
                List.of(new EpochMetrics(1, 0.5, 0.8, 0.6, 0.857), new EpochMetrics(2, 0.4, 0.9, 0.7, 0.8)),
                System.currentTimeMillis());
        assertThat(RunList.accuracy(cancelled)).isEqualTo("85.7% so far");
        RunRecord none = history.start(tuning).ended(RunState.CANCELLED, null, List.of(), System.currentTimeMillis());
        assertThat(RunList.accuracy(none)).isEqualTo("–");
    }
}
