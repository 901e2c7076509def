package dev.loupe.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Reads and replaces one entry of a {@code .loupe} bundle (a zip), for crafting bundles that lie. */
final class BundleEntries {

    private BundleEntries() {
    }

    /** The bytes of {@code entry} in {@code bundle}. */
    static byte[] read(Path bundle, String entry) throws Exception {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            return zip.getInputStream(zip.getEntry(entry)).readAllBytes();
        }
    }

    /** A copy of {@code bundle} at {@code out} with {@code entry}'s content replaced. */
    static Path replace(Path bundle, Path out, String entry, byte[] content) throws Exception {
        try (ZipFile in = new ZipFile(bundle.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : in.stream().toList()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    zip.write(content);
                } else {
                    in.getInputStream(e).transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out;
    }
}
