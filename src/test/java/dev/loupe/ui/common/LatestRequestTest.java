package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LatestRequestTest {

    @Test
    void aNewerRequestCancelsTheOlderAndOnlyTheNewestResultIsHandedOver() throws Exception {
        List<String> shown = new CopyOnWriteArrayList<>();
        LatestRequest latest = new LatestRequest(Runnable::run);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (JobExecutor queue = JobExecutor.background()) {
            JobHandle<String> first = latest.submit(queue, "first", m -> {
                started.countDown();
                release.await();
                return m.isCancelled() ? "first, told to stop" : "first";
            }, (r, e) -> shown.add(r));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            JobHandle<String> queued = latest.submit(queue, "second", m -> "second", (r, e) -> shown.add(r));
            JobHandle<String> third = latest.submit(queue, "third", m -> "third", (r, e) -> shown.add(r));
            release.countDown();
            assertThat(third.result().get(10, TimeUnit.SECONDS)).isEqualTo("third");
            assertThat(first.result().handle((r, e) -> r).get(10, TimeUnit.SECONDS)).isIn("first, told to stop", null);
            assertThat(queued.state()).as("a superseded queued request never runs").isEqualTo(JobState.CANCELLED);
            assertThat(shown).containsExactly("third");
        }
    }

    @Test
    void aRequestStartedByHandIsLatestUntilANewerOne() {
        LatestRequest latest = new LatestRequest(Runnable::run);
        long a = latest.next();
        assertThat(latest.isLatest(a)).isTrue();
        latest.supersede();
        assertThat(latest.isLatest(a)).isFalse();
    }
}
