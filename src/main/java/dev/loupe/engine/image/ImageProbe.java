package dev.loupe.engine.image;

import java.awt.Dimension;
import java.nio.file.Path;

/** Image sizes from the file header alone, for listing a dataset without decoding every picture. */
public final class ImageProbe {

    private ImageProbe() {
    }

    /**
     * The size the picture is displayed at: the header's width and height, swapped when a JPEG's EXIF orientation
     * turns it by 90 degrees. Sizes past the decoder's limit are reported, not refused: they are only numbers here.
     */
    public static Dimension readSize(Path file) throws ImageDecodeException {
        try (ImageSource src = ImageSource.open(file)) {
            int[] size = src.storedSize();
            int orientation = "JPEG".equals(src.format) ? ExifOrientation.read(file) : 1;
            int[] shown = ExifOrientation.displayedSize(size[0], size[1], orientation);
            return new Dimension(shown[0], shown[1]);
        }
    }
}
