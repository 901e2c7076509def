package dev.loupe.engine.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST as Debian's {@code dataset-fashion-mnist} installs it: real images for the bench's scale parts (the
 * bundled flowers are 200). Pixels scaled to [0, 1], 784 per image; the 60,000 training images, then the 10,000
 * test images.
 */
final class FashionMnist {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    static boolean installed() {
        return Files.isRegularFile(DIR.resolve("t10k-images-idx3-ubyte.gz"))
                && Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz"));
    }

    /** The first {@code n} images: the test set first when n is at most 10,000, else training then test. */
    static float[][] images(int n) throws IOException {
        if (n <= 10_000) {
            return read(DIR.resolve("t10k-images-idx3-ubyte.gz"), n);
        }
        float[][] train = read(DIR.resolve("train-images-idx3-ubyte.gz"), n);
        float[][] test = read(DIR.resolve("t10k-images-idx3-ubyte.gz"), n - train.length);
        float[][] out = java.util.Arrays.copyOf(train, train.length + test.length);
        System.arraycopy(test, 0, out, train.length, test.length);
        return out;
    }

    private static float[][] read(Path file, int n) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != 2051) {
                throw new IOException(file + " is not an IDX image file");
            }
            int count = Math.min(n, in.readInt());
            int pixels = in.readInt() * in.readInt();
            float[][] out = new float[count][pixels];
            byte[] row = new byte[pixels];
            for (float[] img : out) {
                in.readFully(row);
                for (int p = 0; p < pixels; p++) {
                    img[p] = (row[p] & 0xff) / 255f;
                }
            }
            return out;
        }
    }
}
