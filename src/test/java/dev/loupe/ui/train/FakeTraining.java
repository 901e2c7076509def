package dev.loupe.ui.train;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.ForwardingMonitor;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.runs.TrainJob;
import dev.loupe.engine.training.EpochMetrics;
import dev.loupe.engine.workflow.TrainWorkflow;
import dev.loupe.testing.FakeExtractor;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Train-pane services on the fake colour backbone: a run takes well under a second. */
final class FakeTraining {

    private FakeTraining() {
    }

    static TrainServices services() {
        return TrainServices.of(registry(), new FakeExtractor().factory());
    }

    /**
     * Like {@link #services()}, but the run is held inside its report of epoch {@code gate.epoch} until the test
     * releases it: a test then acts at a known epoch, however slowly the machine gets there (a wait on the event,
     * not on wall time: under load the head search alone can take longer than any fixed wait).
     */
    static TrainServices gated(EpochGate gate) {
        BackboneRegistry registry = registry();
        TrainWorkflow workflow = new TrainWorkflow(registry, new FakeExtractor().factory());
        return new TrainServices(registry, (dataset, runs, config, resume) -> m -> (resume == null
                ? new TrainJob(workflow, runs, dataset, config) : TrainJob.resume(workflow, runs, dataset, resume))
                .run(new Gated(m, gate)));
    }

    private static BackboneRegistry registry() {
        return BackboneRegistry.of(List.of(FakeExtractor.DESCRIPTOR));
    }

    /**
     * Where a {@link #gated} run waits: {@link #reached} counts down when epoch {@code epoch} has been reported, or,
     * for epoch 0, when the job has reported its run as recorded running (before any training).
     */
    static final class EpochGate {
        final int epoch;
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        EpochGate(int epoch) {
            this.epoch = epoch;
        }
    }

    private static final class Gated extends ForwardingMonitor {
        private final EpochGate gate;

        Gated(JobMonitor out, EpochGate gate) {
            super(out);
            this.gate = gate;
        }

        @Override
        public void partial(Partial record) {
            super.partial(record); // first, so that the held epoch is already there for the pane to poll
            if (record instanceof EpochMetrics m && m.epoch() == gate.epoch
                    || record instanceof RunRecord && gate.epoch == 0) {
                gate.reached.countDown();
                try {
                    gate.released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
