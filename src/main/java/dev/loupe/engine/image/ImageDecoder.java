package dev.loupe.engine.image;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary minimal version; replaced by the image package's own. */
public final class ImageDecoder {
    private ImageDecoder() { }

    public static BufferedImage decode(Path file, int targetMinSide) throws ImageDecodeException {
        try {
            if (Files.size(file) == 0) {
                throw new ImageDecodeException(file, "empty file (0 bytes)");
            }
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new ImageDecodeException(file, "not an image Loupe can read");
            }
            BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.getGraphics().drawImage(img, 0, 0, null);
            return rgb;
        } catch (ImageDecodeException e) {
            throw e;
        } catch (Exception e) {
            throw new ImageDecodeException(file, "corrupt image (" + e.getMessage() + ")");
        }
    }
}
