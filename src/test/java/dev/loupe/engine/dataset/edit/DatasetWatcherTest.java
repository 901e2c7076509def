package dev.loupe.engine.dataset.edit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetWatcherTest {

    @TempDir
    Path tmp;

    @Test
    void reportsAnExternalFileOnceWithinSecondsButNotLoupesOwnEdits() throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        Semaphore changes = new Semaphore(0);
        AtomicInteger count = new AtomicInteger();
        try (DatasetWatcher watcher = DatasetWatcher.start(root, Duration.ofMillis(300), () -> {
            count.incrementAndGet();
            changes.release();
        })) {
            DatasetEditor editor = DatasetEditor.open(root);
            editor.setListener(watcher.editorListener());
            editor.moveImages(List.of("a/1.png"), "b");
            editor.makeClass("c");
            assertThat(changes.tryAcquire(1500, TimeUnit.MILLISECONDS)).as("own edits are not reported").isFalse();

            // Outside Loupe: a burst of files in an existing class and one in a class made after the watch began.
            TestImages.png(root.resolve("a/x.png"), 8);
            TestImages.png(root.resolve("a/y.png"), 9);
            assertThat(changes.tryAcquire(3, TimeUnit.SECONDS)).isTrue();
            TestImages.png(root.resolve("c/z.png"), 10);
            assertThat(changes.tryAcquire(3, TimeUnit.SECONDS)).as("new class folders are watched").isTrue();
            Thread.sleep(600);
            assertThat(count.get()).isEqualTo(2);
        }
    }
}
