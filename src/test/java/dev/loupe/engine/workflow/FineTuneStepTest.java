package dev.loupe.engine.workflow;

import dev.loupe.engine.embedding.TsneLayout;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.training.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The head's training, when a run fine-tunes, reports all but its epochs: the run's curves are fine-tuning's. */
class FineTuneStepTest {

    @Test
    void theHeadsEpochsAreDroppedAndEverythingElsePasses() {
        List<Object> heard = new ArrayList<>();
        JobMonitor out = new ForwardingMonitor(JobMonitor.silent()) {
            @Override public void stage(String name) { heard.add(name); }
            @Override public void partial(Partial record) { heard.add(record); }
            @Override public boolean isCancelled() { return true; }
        };
        JobMonitor head = FineTuneStep.withoutEpochs(out);
        TsneLayout layout = new TsneLayout(1, 2, new float[0], new float[0]);
        head.stage("Training");
        head.partial(new EpochMetrics(1, 0.5, 0.5, 0.5, 0.5));
        head.partial(layout);
        assertThat(heard).containsExactly("Training", layout);
        assertThat(head.isCancelled()).isTrue();
    }
}
