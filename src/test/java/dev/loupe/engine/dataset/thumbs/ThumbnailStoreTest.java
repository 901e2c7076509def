package dev.loupe.engine.dataset.thumbs;

import dev.loupe.engine.dataset.edit.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Thumbnails are made once, kept, made again when the image changes, and made again when a crash left them empty. */
class ThumbnailStoreTest {

    @TempDir
    Path tmp;

    @Test
    void makesAThumbnailOnceAndReusesIt() throws Exception {
        Path image = TestImages.png(tmp.resolve("set/a/big.png"), 5, 600);
        ThumbnailStore store = ThumbnailStore.forDataset(tmp.resolve("set"));

        Path thumb = store.thumbnail(image);
        BufferedImage read = ImageIO.read(thumb.toFile());
        assertThat(Math.max(read.getWidth(), read.getHeight())).isEqualTo(ThumbnailStore.SIZE);
        assertThat(thumb).startsWith(tmp.resolve("set/.loupe/thumbnails"));

        Files.setLastModifiedTime(thumb, FileTime.fromMillis(1_000));
        assertThat(store.thumbnail(image)).isEqualTo(thumb);
        assertThat(Files.getLastModifiedTime(thumb).toMillis()).isEqualTo(1_000);
        try (var files = Files.list(thumb.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement().asString().endsWith(".jpg");
        }
    }

    @Test
    void anImageChangedInPlaceGetsAFreshThumbnail() throws Exception {
        Path image = TestImages.png(tmp.resolve("set/a/1.png"), 5, 60);
        ThumbnailStore store = ThumbnailStore.forDataset(tmp.resolve("set"));
        Path before = store.thumbnail(image);
        TestImages.png(image, 6, 90);
        Path after = store.thumbnail(image);
        assertThat(after).isNotEqualTo(before);
        assertThat(ImageIO.read(after.toFile()).getWidth()).isEqualTo(90);
    }

    @Test
    void anEmptyOrBrokenCachedFileIsMadeAgain() throws Exception {
        Path image = TestImages.png(tmp.resolve("set/a/1.png"), 5, 60);
        ThumbnailStore store = ThumbnailStore.forDataset(tmp.resolve("set"));
        Path thumb = store.thumbnail(image);

        // What a crash can leave, since cache files are not flushed to disk before they are moved into place.
        Files.write(thumb, new byte[0]);
        assertThat(store.thumbnail(image)).isEqualTo(thumb);
        assertThat(ImageIO.read(thumb.toFile()).getWidth()).isEqualTo(60);

        Files.write(thumb, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        assertThat(store.remake(image)).isEqualTo(thumb);
        assertThat(ImageIO.read(thumb.toFile()).getWidth()).isEqualTo(60);
    }
}
