package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link ImageDecoderSizeTest}: decodes one file and prints its size on
 * stdout, which is how the parent test reads the result.
 */
public final class DecodeInSmallHeap {

    private DecodeInSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        BufferedImage img = ImageDecoder.decode(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.print("decoded " + img.getWidth() + "x" + img.getHeight() + " rgb "
                + Integer.toHexString(img.getRGB(1, 1) & 0xFFFFFF));
    }
}
