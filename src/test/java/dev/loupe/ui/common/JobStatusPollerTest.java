package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Drives the poller by hand (refresh), so no FX toolkit or timer is needed. */
class JobStatusPollerTest {

    private final JobExecutor jobs = JobExecutor.background();
    private final JobStatusPoller poller = new JobStatusPoller(jobs);

    @AfterEach
    void tearDown() {
        jobs.close();
    }

    @Test
    void showsARunningJobAndReportsItsEnd() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobHandle<String> h = jobs.submit("Extract features", m -> {
            m.stage("Extracting");
            m.progress(3, 12);
            reported.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "ok";
        });
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();

        poller.refresh();
        assertThat(poller.running()).hasSize(1);
        JobRow row = poller.running().get(0);
        assertThat(row.nameProperty().get()).isEqualTo("Extract features");
        assertThat(row.detailProperty().get()).isEqualTo("Extracting 3/12");
        assertThat(row.progressProperty().get()).isEqualTo(0.25);

        release.countDown();
        h.result().get(10, TimeUnit.SECONDS);
        poller.refresh();
        assertThat(poller.running()).isEmpty();
        assertThat(poller.lastMessage().get()).isEqualTo("Extract features finished");
    }

    @Test
    void cancelFromTheRowEndsTheJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        JobHandle<Void> h = jobs.submit("Train", m -> {
            started.countDown();
            while (true) {
                m.checkCancelled();
                Thread.sleep(5);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        poller.refresh();
        poller.running().get(0).cancel();
        catchThrowable(() -> h.result().get(10, TimeUnit.SECONDS));
        poller.refresh();
        assertThat(poller.running()).isEmpty();
        assertThat(poller.lastMessage().get()).isEqualTo("Train cancelled");
    }

    @Test
    void aFailedJobSaysWhy() {
        JobExecutor inline = JobExecutor.inline();
        JobStatusPoller p = new JobStatusPoller(inline);
        inline.submit("Import", m -> {
            throw new IllegalStateException("disk full");
        });
        p.refresh();
        assertThat(p.lastMessage().get()).isEqualTo("Import failed: disk full");
    }

    /** Issue 17: after opening another dataset the status bar still said how the old dataset's training ended. */
    @Test
    void anotherDatasetClearsTheMessageAndSilencesTheOldSessionsJobs() throws Exception {
        JobExecutor inline = JobExecutor.inline();
        JobStatusPoller p = new JobStatusPoller(inline);
        inline.submit("Train flowers", m -> {
            throw new IllegalStateException("out of memory");
        });
        p.refresh();
        assertThat(p.lastMessage().get()).isEqualTo("Train flowers failed: out of memory");
        CountDownLatch started = new CountDownLatch(1);
        JobHandle<Void> map = jobs.submit("Map flowers", m -> {
            started.countDown();
            while (true) {
                m.checkCancelled();
                Thread.sleep(5);
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        poller.refresh();

        p.newSession();
        poller.newSession();
        map.cancel(); // what closing the old session does
        catchThrowable(() -> map.result().get(10, TimeUnit.SECONDS));
        poller.refresh();

        assertThat(p.lastMessage().get()).isEmpty();
        assertThat(poller.running()).isEmpty();
        assertThat(poller.lastMessage().get()).isEmpty();
    }

    @Test
    void aJobForgottenBetweenTwoPollsStillEndsItsRow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        JobHandle<String> first = jobs.submit("Map", m -> {
            release.await(10, TimeUnit.SECONDS);
            return "map";
        });
        poller.refresh();
        assertThat(poller.running()).hasSize(1);
        List<JobHandle<?>> later = new java.util.ArrayList<>();
        release.countDown();
        for (int i = 0; i < 12; i++) {
            later.add(jobs.submit("Classify " + i, m -> "x"));
        }
        later.get(11).result().get(10, TimeUnit.SECONDS);
        first.result().get(10, TimeUnit.SECONDS);
        long until = System.currentTimeMillis() + 10_000;
        while (jobs.jobs().contains(first) && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        assertThat(jobs.jobs()).doesNotContain(first);
        poller.refresh();
        assertThat(poller.running()).isEmpty();
    }
}
