package dev.loupe.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageFormatsTest {

    @Test
    void recognisesImageExtensionsInAnyCase() {
        for (String name : new String[] {"a.jpg", "a.JPEG", "b.Png", "c.bmp", "d.GIF", "e.webp", "f.tif", "g.TIFF"}) {
            assertThat(ImageFormats.isImageFile(Path.of("daisy", name))).as(name).isTrue();
        }
    }

    @Test
    void rejectsOtherFiles() {
        for (String name : new String[] {"notes.txt", "jpg", "a.jpg.bak", "a.", "README", ".DS_Store", "x.heic"}) {
            assertThat(ImageFormats.isImageFile(Path.of("daisy", name))).as(name).isFalse();
        }
        assertThat(ImageFormats.isImageFile(null)).isFalse();
    }

    @Test
    void extensionsAreLowerCaseWithoutDotAndImmutable() {
        assertThat(ImageFormats.extensions())
                .containsExactlyInAnyOrder("jpg", "jpeg", "png", "bmp", "gif", "webp", "tif", "tiff");
        assertThatThrownBy(() -> ImageFormats.extensions().add("heic"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
