package dev.loupe.ui.common;

import dev.loupe.engine.dataset.edit.TestImages;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on the (headless) FX thread: prefetched thumbnails land in memory; cells asking for one file share it;
 * memory stays under its byte bound; a photo from outside the dataset is shown without writing into the dataset.
 */
@ExtendWith(ApplicationExtension.class)
class ThumbnailServiceTest {

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
        try (ThumbnailService loader = new ThumbnailService()) {
            robot.interact(() -> {
                loader.setDataset(root);
                loader.prefetch(files);
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(robot,
                    () -> files.stream().allMatch(f -> loader.cached(f) != null)));
            Image one = onFx(robot, () -> loader.cached(files.get(0)));
            assertThat(one.isError()).isFalse();
            assertThat(one.getWidth()).isEqualTo(40);
        }
    }

    /** The Curate pane's open holds its full scan until the first screen is loaded: the wait must end then. */
    @Test
    void whenPrefetchedRunsOnceEveryPrefetchedThumbnailIsInMemory(FxRobot robot) throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        List<Path> files = List.of(root.resolve("a/1.png"), root.resolve("a/2.png"), root.resolve("b/3.png"));
        try (ThumbnailService loader = new ThumbnailService()) {
            CompletableFuture<Long> inMemoryThen = new CompletableFuture<>();
            CompletableFuture<Boolean> atOnce = new CompletableFuture<>();
            robot.interact(() -> {
                loader.setDataset(root);
                loader.prefetchFitted(files, 20, 20);
                loader.whenPrefetched(() -> inMemoryThen.complete(
                        files.stream().filter(f -> loader.cachedFitted(f, 20, 20) != null).count()));
            });
            assertThat(inMemoryThen.get(10, TimeUnit.SECONDS)).isEqualTo(3L);
            // Nothing left to wait for: at once, on the calling (FX) thread.
            robot.interact(() -> {
                boolean[] ran = {false};
                loader.whenPrefetched(() -> ran[0] = true);
                atOnce.complete(ran[0]);
            });
            assertThat(atOnce.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void twoCellsWaitingForOneFileBothGetItAndADroppedInterestGetsNothing(FxRobot robot) throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        Path file = root.resolve("a/1.png");
        Map<String, Image> got = new ConcurrentHashMap<>();
        try (ThumbnailService loader = new ThumbnailService()) {
            robot.interact(() -> {
                loader.setDataset(root);
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

    @Test
    void memoryStaysUnderItsBoundInBytes(FxRobot robot) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(TestImages.png(tmp.resolve("set/a/" + i + ".png"), i, 100)); // 100 x 100: 40,000 bytes each
        }
        long bound = 5 * 40_000;
        try (ThumbnailService service = new ThumbnailService(bound)) {
            robot.interact(() -> service.setDataset(tmp.resolve("set")));
            for (Path file : files) {
                CompletableFuture<Image> got = new CompletableFuture<>();
                robot.interact(() -> service.load(file, got::complete));
                assertThat(got.get(10, TimeUnit.SECONDS)).isNotNull();
            }
            long held = onFx(robot, service::memoryBytes);
            long inMemory = onFx(robot, () -> files.stream().filter(f -> service.cached(f) != null).count());
            assertThat(held).isLessThanOrEqualTo(bound).isEqualTo(inMemory * 40_000);
            assertThat(inMemory).isBetween(1L, 5L);
        }
    }

    @Test
    void aPhotoFromOutsideTheDatasetIsShownWithoutWritingIntoIt(FxRobot robot) throws Exception {
        Path root = TestImages.smallDataset(tmp.resolve("set"));
        Path outside = TestImages.png(tmp.resolve("dropped/photo.png"), 9, 600);
        try (ThumbnailService service = new ThumbnailService()) {
            CompletableFuture<Image> got = new CompletableFuture<>();
            robot.interact(() -> {
                service.setDataset(root);
                service.load(outside, got::complete);
            });
            Image image = got.get(10, TimeUnit.SECONDS);
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(256);
            assertThat(root.resolve(".loupe/thumbnails")).doesNotExist();
        }
    }

    @Test
    void aFittedThumbnailIsTheStoredOneScaledToTouchTheBoxWithTheSameColours(FxRobot robot) throws Exception {
        Path wide = tmp.resolve("set/a/wide.png");
        java.nio.file.Files.createDirectories(wide.getParent());
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(300, 150,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 300; x++) {
                img.setRGB(x, y, (x * 255 / 299) << 16 | (y * 255 / 149) << 8 | 90);
            }
        }
        javax.imageio.ImageIO.write(img, "png", wide.toFile());
        Path small = TestImages.png(tmp.resolve("set/a/small.png"), 4, 40);
        try (ThumbnailService service = new ThumbnailService()) {
            CompletableFuture<Image> reduced = new CompletableFuture<>();
            CompletableFuture<Image> enlarged = new CompletableFuture<>();
            robot.interact(() -> {
                service.setDataset(tmp.resolve("set"));
                service.loadFitted(wide, 138, 144, reduced::complete);
                service.loadFitted(small, 100, 60, enlarged::complete);
            });
            Image r = reduced.get(10, TimeUnit.SECONDS);
            assertThat(new double[] {r.getWidth(), r.getHeight()}).containsExactly(138, 69);
            Image e = enlarged.get(10, TimeUnit.SECONDS);
            assertThat(new double[] {e.getWidth(), e.getHeight()}).containsExactly(60, 60);
            assertThat(onFx(robot, () -> service.cachedFitted(wide, 138, 144))).isSameAs(r);
            assertThat(onFx(robot, () -> service.cachedFitted(wide, 100, 100))).isNull();
            // The same picture: the mean colour of the fitted thumbnail is the stored one's.
            CompletableFuture<Image> stored = new CompletableFuture<>();
            robot.interact(() -> service.load(wide, stored::complete));
            assertThat(meanRed(r)).isCloseTo(meanRed(stored.get(10, TimeUnit.SECONDS)),
                    org.assertj.core.data.Offset.offset(3.0));
        }
    }

    private static double meanRed(Image image) {
        double sum = 0;
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                sum += (image.getPixelReader().getArgb(x, y) >> 16) & 0xff;
            }
        }
        return sum / (w * h);
    }

    private static <T> T onFx(FxRobot robot, java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(5, TimeUnit.SECONDS);
    }
}
