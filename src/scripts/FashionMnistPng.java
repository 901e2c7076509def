import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Writes Fashion-MNIST out as a Loupe dataset: one folder per class, one 28x28 grey PNG per image. The images are
 * not committed (70,000 files); this makes the large datasets the benchmarks need on any machine that has
 * {@code apt-get install dataset-fashion-mnist}.
 *
 * <p>Run with the JDK's single-file launcher:
 * {@code java src/scripts/FashionMnistPng.java OUT_FOLDER [COUNT] [test|train|all]} (default: 10000 test images).
 */
public final class FashionMnistPng {

    private static final Path DATA = Path.of(System.getProperty("fashion.dir", "/usr/share/datasets/fashion-mnist"));
    private static final String[] CLASSES = {"t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
        "sneaker", "bag", "ankle-boot"};

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java FashionMnistPng.java OUT_FOLDER [COUNT] [test|train|all]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String part = args.length > 2 ? args[2] : "test";
        for (String c : CLASSES) {
            Files.createDirectories(out.resolve(c));
        }
        int written = 0;
        if (!part.equals("train")) {
            written += write(out, "t10k", "test", count - written);
        }
        if (!part.equals("test")) {
            written += write(out, "train", "train", count - written);
        }
        System.out.println("wrote " + written + " PNG images in " + CLASSES.length + " classes to " + out);
    }

    private static int write(Path out, String file, String prefix, int max) throws IOException {
        if (max <= 0) {
            return 0;
        }
        try (DataInputStream images = open(file + "-images-idx3-ubyte.gz");
             DataInputStream labels = open(file + "-labels-idx1-ubyte.gz")) {
            images.readInt();
            int n = Math.min(max, images.readInt());
            int rows = images.readInt();
            int cols = images.readInt();
            labels.readInt();
            labels.readInt();
            byte[] pixels = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                images.readFully(pixels);
                BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
                img.getRaster().setDataElements(0, 0, cols, rows, pixels);
                String label = CLASSES[labels.readUnsignedByte()];
                Path target = out.resolve(label).resolve(String.format("%s-%05d.png", prefix, i));
                Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
                ImageIO.write(img, "png", tmp.toFile());
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return n;
        }
    }

    private static DataInputStream open(String name) throws IOException {
        InputStream in = Files.newInputStream(DATA.resolve(name));
        return new DataInputStream(new GZIPInputStream(in, 1 << 16));
    }
}
