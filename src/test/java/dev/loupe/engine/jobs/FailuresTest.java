package dev.loupe.engine.jobs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17 point 17: the view models built failure text their own ways, showing "null" or the wrapper's words. */
class FailuresTest {

    @Test
    void theMessageOfWhatWentWrongNotOfItsWrappers() {
        IOException cause = new IOException("No space left on device");
        assertThat(Failures.describe(new CompletionException(cause))).isEqualTo("No space left on device");
        assertThat(Failures.describe(new ExecutionException(new UncheckedIOException(cause))))
                .isEqualTo("No space left on device");
        assertThat(Failures.describe(new RuntimeException(cause))).isEqualTo("No space left on device");
        assertThat(Failures.describe(new IllegalStateException("Choose a backbone", cause)))
                .isEqualTo("Choose a backbone");
    }

    @Test
    void neverNullAndFilesInWords() {
        assertThat(Failures.describe(new CompletionException(new NullPointerException())))
                .isEqualTo("unexpected NullPointerException (details in the log)");
        assertThat(Failures.describe(new NoSuchFileException("/data/roses")))
                .isEqualTo("/data/roses: not found");
    }

    @Test
    void aFailedJobsSnapshotUsesTheSameWords() {
        JobHandle<Object> job = JobExecutor.inline().submit("Import", m -> {
            throw new UncheckedIOException(new IOException("disk full"));
        });
        assertThat(job.snapshot().error()).isEqualTo("disk full");
    }
}
