package dev.loupe.engine.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.loupe.engine.files.NotRegularFileException;
import dev.loupe.engine.files.RegularFiles;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open image file: its stream and the ImageIO reader chosen from the file's first bytes (never its extension, so
 * a PNG saved as ".jpg" still reads). Closing disposes the reader, whose native JPEG state is otherwise only freed by
 * a finalizer, and closes the stream. The bytes may already be in memory (a cluster job reads them with Spark's
 * {@code binaryFile} source): then {@link #file} only names the image in messages.
 */
final class ImageSource implements Closeable {

    /** Past this a header is either a decompression bomb or an image no classifier needs at full size. */
    static final long MAX_PIXELS = 250_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(ImageSource.class);
    private static final int SNIFF_BYTES = 512;

    final Path file;
    /** The whole file when it was read into memory, else null (read from {@link #file}). */
    private final byte[] content;
    final ImageInputStream stream;
    final ImageReader reader;
    /** "JPEG", "PNG", "WebP"...: for messages, and to know when EXIF orientation applies. */
    final String format;

    private ImageSource(Path file, byte[] content, ImageInputStream stream, ImageReader reader) {
        this.file = file;
        this.content = content;
        this.stream = stream;
        this.reader = reader;
        this.format = formatName(reader);
    }

    static ImageSource open(Path file) throws ImageDecodeException {
        return open(file, null);
    }

    /** The image whose bytes are {@code content} (the whole file), named {@code file} in messages. */
    static ImageSource open(Path file, byte[] content) throws ImageDecodeException {
        ImageInputStream stream = null;
        try {
            if (content == null) {
                // Never opened unless regular: opening a named pipe blocks, and a device never ends.
                RegularFiles.require(file);
            }
            if ((content == null ? Files.size(file) : content.length) == 0) {
                throw new ImageDecodeException(file, "empty file (0 bytes)");
            }
            // In memory, TwelveMonkeys' stream reads the array in place; ImageIO's own would copy it to a cache file.
            stream = content == null ? ImageIO.createImageInputStream(file.toFile())
                    : new ByteArrayImageInputStream(content);
            if (stream == null) {
                throw new ImageDecodeException(file, "cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(file, looksLikeText(file, content)
                        ? "not an image (the file holds text)" : "unsupported image format");
            }
            ImageReader reader = readers.next();
            // Metadata is not ignored: some plugins need ancillary chunks (PNG tRNS, GIF transparency) for pixels.
            reader.setInput(stream, true, false);
            return new ImageSource(file, content, stream, reader);
        } catch (ImageDecodeException e) {
            closeQuietly(stream);
            throw e;
        } catch (NoSuchFileException e) {
            closeQuietly(stream);
            throw new ImageDecodeException(file, "file not found: it was moved or deleted after the scan; scan the dataset again", e);
        } catch (NotRegularFileException e) {
            closeQuietly(stream);
            throw new ImageDecodeException(file, e.getReason(), e);
        } catch (AccessDeniedException e) {
            closeQuietly(stream);
            throw new ImageDecodeException(file, "permission denied", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream);
            throw new ImageDecodeException(file, "cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    /** Header dimensions as stored (before EXIF orientation); most readers do not decode pixels for this. */
    int[] storedSize() throws ImageDecodeException {
        try {
            return new int[] {reader.getWidth(0), reader.getHeight(0)};
        } catch (IOException | RuntimeException e) {
            throw corrupt(e);
        }
    }

    /** Refuses headers claiming more than {@link #MAX_PIXELS}, before anything is allocated for them. */
    void checkNotHuge(int width, int height) throws ImageDecodeException {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(file, "claims " + width + " x " + height + " pixels, which is not an image");
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new ImageDecodeException(file, "claims " + width + " x " + height + " pixels; Loupe reads images up to "
                    + MAX_PIXELS / 1_000_000 + " megapixels");
        }
    }

    /** The file's bytes from the start, from memory or from disk. */
    InputStream bytes() throws IOException {
        return content != null ? new ByteArrayInputStream(content) : Files.newInputStream(file);
    }

    /** The file's size in bytes. */
    long size() throws IOException {
        return content != null ? content.length : Files.size(file);
    }

    /** The whole file: the array it was given as, or read now. */
    byte[] allBytes() throws IOException {
        return content != null ? content : Files.readAllBytes(file);
    }

    ImageDecodeException corrupt(Throwable cause) {
        return new ImageDecodeException(file, "truncated or corrupt " + format + " data", cause);
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(stream);
    }

    private static String formatName(ImageReader reader) {
        String[] names = reader.getOriginatingProvider() == null ? null
                : reader.getOriginatingProvider().getFormatNames();
        String name = names == null || names.length == 0 ? "image" : names[0].toLowerCase(Locale.ROOT);
        switch (name) {
            case "jpg":
            case "jpeg":
                return "JPEG";
            case "webp":
                return "WebP";
            case "tif":
            case "tiff":
                return "TIFF";
            default:
                return name.toUpperCase(Locale.ROOT);
        }
    }

    /** Text has no control characters other than white space; every binary image format has some in its header. */
    private static boolean looksLikeText(Path file, byte[] content) {
        try (InputStream in = content != null ? new ByteArrayInputStream(content) : Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            for (byte b : head) {
                int c = b & 0xFF;
                if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) {
                    return false;
                }
            }
            return head.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void closeQuietly(ImageInputStream stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("Closing an image stream failed", e);
        }
    }
}
