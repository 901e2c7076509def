package dev.loupe.faults;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
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

    /**
     * A copy of {@code bundle} at {@code out} with one bit of {@code entry}'s deflated data flipped, at the first
     * place from the middle on where the data still inflates to as many bytes, but other ones: damage that only
     * the entry's CRC-32 shows (a disk or a download changing a bit). Null if no such place is found.
     */
    static Path flipInData(Path bundle, Path out, String entry) throws Exception {
        byte[] zip = Files.readAllBytes(bundle);
        byte[] original = read(bundle, entry);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        int header = indexOf(zip, name) - 30; // the local header (the central directory comes after the data)
        ByteBuffer le = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int start = header + 30 + le.getShort(header + 26) + le.getShort(header + 28);
        int size;  // from the central directory: ZipOutputStream's local header leaves it 0 (a data descriptor follows)
        try (ZipFile in = new ZipFile(bundle.toFile())) {
            size = (int) in.getEntry(entry).getCompressedSize();
        }
        for (int at = start + size / 2; at < start + size; at += 97) {
            byte[] copy = zip.clone();
            copy[at] ^= 0x10;
            byte[] inflated = inflate(copy, start, size, original.length);
            if (inflated != null && !Arrays.equals(inflated, original)) {
                Files.write(out, copy);
                return out;
            }
        }
        return null;
    }

    private static byte[] inflate(byte[] data, int start, int size, int expected) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data, start, size);
            byte[] out = new byte[expected + 1];
            int n = 0;
            while (!inflater.finished() && n < out.length) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                n += got;
            }
            return inflater.finished() && n == expected ? Arrays.copyOf(out, n) : null;
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] in, byte[] what) {
        for (int i = 30; i + what.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no entry " + new String(what, StandardCharsets.UTF_8));
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
