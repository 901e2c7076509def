package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.engine.dataset.thumbs.ThumbnailStore;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader on the (headless) FX thread: prefetched thumbnails land in memory; cells asking for one file share it. */
@ExtendWith(ApplicationExtension.class)
class ThumbnailLoaderTest {

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) {
        // No window needed: the loader only uses the FX thread.
    }

    @Test
    void prefetchedThumbnailsAreInMemoryBeforeAnyCellAsks(FxRobot robot) throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        List<Path> files = List.of(root.resolve("a/1.png"), root.resolve("a/2.png"), root.resolve("b/3.png"));
        try (ThumbnailLoader loader = new ThumbnailLoader(ThumbnailStore.forDataset(root))) {
            robot.interact(() -> loader.prefetch(files));
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(robot,
                    () -> files.stream().allMatch(f -> loader.cached(f) != null)));
            Image one = onFx(robot, () -> loader.cached(files.get(0)));
            assertThat(one.isError()).isFalse();
            assertThat(one.getWidth()).isEqualTo(40);
        }
    }

    @Test
    void twoCellsWaitingForOneFileBothGetItAndADroppedInterestGetsNothing(FxRobot robot) throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        Path file = root.resolve("a/1.png");
        Map<String, Image> got = new ConcurrentHashMap<>();
        try (ThumbnailLoader loader = new ThumbnailLoader(ThumbnailStore.forDataset(root))) {
            robot.interact(() -> {
                loader.load(file, image -> got.put("first", image));
                loader.load(file, image -> got.put("second", image));
                Runnable dropped = loader.load(file, image -> got.put("dropped", image));
                dropped.run();
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> got.size() >= 2);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(got).containsOnlyKeys("first", "second");
            assertThat(got.get("first")).isSameAs(got.get("second"));
        }
    }

    private static <T> T onFx(FxRobot robot, java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(5, TimeUnit.SECONDS);
    }
}
