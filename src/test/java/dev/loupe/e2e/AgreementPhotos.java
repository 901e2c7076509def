package dev.loupe.e2e;

import dev.loupe.engine.image.AdobeJpegs;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The photos exports are checked on: flowers the test models did not train on, and edge cases made from them that
 * Loupe decodes before any runtime sees them: grey, tall, wide, tiny, 16-bit, with alpha, and CMYK JPEGs.
 */
final class AgreementPhotos {

    private AgreementPhotos() {
    }

    /** {@code perClass} flowers from each class (after the first {@code skip}, which trained), then edge cases. */
    static List<Path> make(Path dir, int skip, int perClass) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> classes = Files.list(Path.of("sample-datasets/flowers"))) {
            for (Path c : classes.filter(Files::isDirectory).filter(c -> !c.getFileName().toString().startsWith("."))
                    .sorted().toList()) {
                List<Path> photos = jpegs(c).subList(skip, skip + perClass);
                sources.add(photos.get(0));
                out.addAll(photos);
            }
        }
        int i = 0;
        for (Path src : sources.subList(0, 2)) {
            BufferedImage photo = ImageIO.read(src.toFile());
            out.add(png(dir, "grey-" + i, convert(photo, BufferedImage.TYPE_BYTE_GRAY)));
            out.add(png(dir, "tall-" + i, crop(photo, photo.getWidth() / 5, photo.getHeight())));
            out.add(png(dir, "wide-" + i, crop(photo, photo.getWidth(), photo.getHeight() / 5)));
            out.add(png(dir, "tiny-" + i, scaled(photo, 9, 7)));
            out.add(png(dir, "grey16-" + i, convert(photo, BufferedImage.TYPE_USHORT_GRAY)));
            out.add(png(dir, "alpha-" + i, convert(photo, BufferedImage.TYPE_INT_ARGB)));
            i++;
        }
        out.add(Files.write(dir.resolve("cmyk.jpg"), AdobeJpegs.cmykRedBlue(false)));
        out.add(Files.write(dir.resolve("ycck.jpg"), AdobeJpegs.cmykRedBlue(true)));
        return out;
    }

    private static List<Path> jpegs(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
        }
    }

    private static Path png(Path dir, String name, BufferedImage img) throws IOException {
        Path file = dir.resolve(name + ".png");
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private static BufferedImage convert(BufferedImage src, int type) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), type);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, null);
        g.dispose();
        return out;
    }

    private static BufferedImage crop(BufferedImage src, int w, int h) {
        return convert(src.getSubimage((src.getWidth() - w) / 2, (src.getHeight() - h) / 2, w, h),
                BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
