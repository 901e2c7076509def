package dev.loupe.engine.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a huge RGB PNG row by row, never holding the picture in memory: red where x and y are both in the first
 * half, white elsewhere. Mostly uniform rows compress to almost nothing, so the file stays small.
 */
public final class BigPngs {

    private BigPngs() {
    }

    public static Path writeRedCornerOnWhite(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (OutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] top = row(w, true);
            byte[] bottom = row(w, false);
            for (int y = 0; y < h; y++) {
                z.write(y < h / 2 ? top : bottom);
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        TestImages.chunk(out, "IHDR", TestImages.ihdr(w, h, 8, 2));
        TestImages.chunk(out, "IDAT", idat.toByteArray());
        TestImages.chunk(out, "IEND", new byte[0]);
        out.flush();
        Files.createDirectories(file.getParent());
        return Files.write(file, png.toByteArray());
    }

    /** One scan line: filter byte 0 (none), then RGB triples. */
    private static byte[] row(int w, boolean redLeftHalf) {
        byte[] row = new byte[1 + 3 * w];
        for (int x = 0; x < w; x++) {
            boolean red = redLeftHalf && x < w / 2;
            row[1 + 3 * x] = (byte) 255;
            row[2 + 3 * x] = (byte) (red ? 0 : 255);
            row[3 + 3 * x] = (byte) (red ? 0 : 255);
        }
        return row;
    }
}
