package dev.loupe.engine.dataset.thumbs;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.image.EmbeddedThumbnail;
import dev.loupe.engine.image.ImageDecoder;
import dev.loupe.engine.image.ImageResizer;
import dev.loupe.engine.util.AtomicFiles;
import dev.loupe.engine.util.Hashes;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Makes and caches thumbnails at one size ({@link #SIZE} px on the longer side; the grid scales them for its zoom).
 * The key is the image's path, size and modification time: cheap to compute without reading the file, and a file
 * changed or replaced in place gets a fresh thumbnail. Entries of moved files are simply never asked for again.
 * Thread-safe: two threads making the same thumbnail both write whole files, the last move wins. Files are written
 * without a disk flush, so after a crash one may be empty or cut short: empty ones are made again here, and readers
 * call {@link #remake} for one that does not decode.
 */
public final class ThumbnailStore {

    public static final int SIZE = 256;
    private final Path dir;

    public ThumbnailStore(Path dir) {
        this.dir = dir;
    }

    /** The store inside the dataset's {@code .loupe} folder, beside the catalogue (or where the catalogue goes). */
    public static ThumbnailStore forDataset(Path root) {
        return new ThumbnailStore(Catalogue.locate(root).getParent().resolve("thumbnails"));
    }

    /** The thumbnail file of {@code image}, made now if missing (or left empty by a crash). */
    public Path thumbnail(Path image) throws IOException {
        Path file = cacheFile(image);
        try {
            if (Files.readAttributes(file, BasicFileAttributes.class).size() > 0) {
                return file;
            }
        } catch (NoSuchFileException e) {
            // Not made yet.
        }
        return make(image, file);
    }

    /** Makes the thumbnail again: for a cached file that exists but cannot be read. */
    public Path remake(Path image) throws IOException {
        return make(image, cacheFile(image));
    }

    private Path cacheFile(Path image) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(image, BasicFileAttributes.class);
        String key = Hashes.sha256(image.toAbsolutePath().normalize() + "|" + attrs.size() + "|"
                + attrs.lastModifiedTime().toMillis() + "|" + SIZE);
        return dir.resolve(key.substring(0, 2)).resolve(key.substring(2, 40) + ".jpg");
    }

    /**
     * The thumbnail of {@code image} in memory, not cached: for a photo outside the dataset. A camera's own embedded
     * thumbnail serves when it is large enough ({@link EmbeddedThumbnail}), else the photo is decoded.
     */
    public static BufferedImage scaled(Path image) throws IOException {
        BufferedImage embedded = EmbeddedThumbnail.read(image, SIZE);
        BufferedImage full = embedded != null ? embedded : ImageDecoder.decode(image, SIZE);
        double scale = Math.min(1.0, (double) SIZE / Math.max(full.getWidth(), full.getHeight()));
        return ImageResizer.resize(full, Math.max(1, (int) Math.round(full.getWidth() * scale)),
                Math.max(1, (int) Math.round(full.getHeight() * scale)));
    }

    /**
     * Makes the thumbnail of a tiny picture in memory and returns it as JPEG bytes, so that the first real thumbnail
     * does not wait for what a fresh process loads on first use (ImageIO's plugins, the PNG reader, the resizer, the
     * JPEG writer, the key's digest: about 0.3 s of CPU). The studio calls it while a dataset opens, before the grid
     * knows which thumbnails it wants. Photo decoding through OpenCV ({@code ScaledJpeg}) is not loaded here: it takes
     * seconds of CPU, which a dataset of PNGs would pay for nothing.
     */
    public static byte[] warmUp() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
        BufferedImage decoded = ImageDecoder.decode(Path.of("warm-up.png"), png.toByteArray(), SIZE);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ImageResizer.resize(decoded, 4, 4), "jpg", jpeg);
        Hashes.sha256("warm-up");
        return jpeg.toByteArray();
    }

    private static Path make(Path image, Path file) throws IOException {
        if (Files.isSymbolicLink(file.getParent())) {
            // The store is Loupe's own folder: a link in it (a received dataset's .loupe) is not written through.
            throw new IOException(file.getParent() + " is a link: Loupe does not write thumbnails through it");
        }
        BufferedImage small = scaled(image);
        // A cache: not forced to disk (a flush per thumbnail capped making them); a short file is made again.
        AtomicFiles.writeCache(file, out -> ImageIO.write(small, "jpg", out));
        return file;
    }
}
