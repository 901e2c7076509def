package dev.loupe.engine.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipInputStream;

/**
 * The head network is itself a zip (DL4J's {@code ModelSerializer} format) inside the bundle. Before DL4J unpacks it,
 * its entries are inflated once here and counted, by the bytes they actually give, so that a zip bomb inside
 * {@code head.zip} is refused instead of filling the memory.
 */
final class HeadArchive {

    private HeadArchive() {
    }

    static void check(byte[] head, long maxUnpacked, Path file) throws ModelFormatException {
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(head))) {
            while (zip.getNextEntry() != null) {
                for (int n; (n = zip.read(buffer)) > 0; ) {
                    total += n;
                    if (total > maxUnpacked) {
                        throw new ModelFormatException(file + " is damaged: head.zip unpacks to more than "
                                + maxUnpacked / (1 << 20) + " MB. Train the model again or use another copy.");
                    }
                }
            }
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(file + " is damaged: its network could not be read (" + e.getMessage()
                    + "). Train the model again or use another copy.", e);
        }
    }
}
