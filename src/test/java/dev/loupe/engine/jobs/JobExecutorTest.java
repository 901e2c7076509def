package dev.loupe.engine.jobs;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JobExecutorTest {

    @Test
    void inlineJobReportsStagesProgressPartialsAndResult() {
        JobExecutor executor = JobExecutor.inline();
        JobHandle<String> handle = executor.submit("demo", m -> {
            m.stage("Counting");
            m.progress(3, 10);
            m.partial(new Note("first"));
            m.partial(new Note("second"));
            m.warning("one bad file");
            return "done";
        });
        assertThat(handle.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(handle.result().join()).isEqualTo("done");
        JobSnapshot s = handle.snapshot();
        assertThat(s.stage()).isEqualTo("Counting");
        assertThat(s.fraction()).isEqualTo(0.3);
        assertThat(s.warnings()).containsExactly("one bad file");
        assertThat(handle.drainPartials()).containsExactly(new Note("first"), new Note("second"));
        assertThat(handle.drainPartials()).isEmpty();
    }

    @Test
    void finishedJobsAreForgottenSoTheirResultsCanBeFreed() throws Exception {
        JobExecutor inline = JobExecutor.inline();
        for (int i = 0; i < 200; i++) {
            inline.submit("big " + i, m -> new byte[4 << 20]);
        }
        assertThat(inline.jobs()).hasSize(JobExecutor.KEEP_FINISHED)
                .extracting(JobHandle::name).endsWith("big 199");
        try (JobExecutor background = JobExecutor.background()) {
            CountDownLatch release = new CountDownLatch(1);
            JobHandle<Integer> waiting = background.submit("waiting", m -> {
                release.await();
                return 1;
            });
            for (int i = 0; i < 20; i++) {
                background.submit("queued " + i, m -> new byte[1 << 20]);
            }
            assertThat(background.jobs()).as("queued and running jobs are all kept").hasSize(21);
            release.countDown();
            background.submit("last", m -> 0).result().get(10, TimeUnit.SECONDS);
            assertThat(waiting.state()).isEqualTo(JobState.SUCCEEDED);
            long until = System.currentTimeMillis() + 10_000; // the last job is forgotten just after its result is set
            while (background.jobs().size() > JobExecutor.KEEP_FINISHED && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            assertThat(background.jobs()).hasSize(JobExecutor.KEEP_FINISHED);
        }
    }

    @Test
    void failureIsFinalAndKeepsTheMessage() {
        JobHandle<Object> handle = JobExecutor.inline().submit("bad", m -> {
            throw new IllegalStateException("disk full");
        });
        assertThat(handle.state()).isEqualTo(JobState.FAILED);
        assertThat(handle.snapshot().error()).isEqualTo("disk full");
        handle.cancel();
        assertThat(handle.state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void cancelStopsARunningJobAtItsNextCheck() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (JobExecutor executor = JobExecutor.background()) {
            JobHandle<Integer> handle = executor.submit("loop", m -> {
                started.countDown();
                int i = 0;
                while (true) {
                    m.checkCancelled();
                    i++;
                    Thread.sleep(1);
                }
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            handle.cancel();
            handle.result().handle((v, e) -> v).get(5, TimeUnit.SECONDS);
            assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
        }
    }

    @Test
    void queuedJobCancelledBeforeItStartsNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (JobExecutor executor = JobExecutor.background()) {
            executor.submit("blocker", m -> release.await(5, TimeUnit.SECONDS));
            boolean[] ran = {false};
            JobHandle<Object> queued = executor.submit("queued", m -> ran[0] = true);
            queued.cancel();
            release.countDown();
            executor.submit("after", m -> null).result().get(5, TimeUnit.SECONDS);
            assertThat(queued.state()).isEqualTo(JobState.CANCELLED);
            assertThat(ran[0]).isFalse();
        }
    }

    private record Note(String text) implements Partial {
    }
}
