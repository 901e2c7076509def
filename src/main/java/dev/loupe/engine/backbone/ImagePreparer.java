package dev.loupe.engine.backbone;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.Augmentation;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.image.ImageDecoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Decodes an image file and turns it into the floats a backbone takes. */
public final class ImagePreparer {

    private ImagePreparer() {
    }

    /** Writes one image's tensor into {@code dest} at {@code offset}. */
    public static void prepare(Path file, InputSpec spec, float[] dest, int offset) throws ImageDecodeException {
        BufferedImage image = ImageDecoder.decode(file, Math.max(spec.width(), spec.height()));
        prepare(image, spec, dest, offset);
    }

    /** As above for an image already read into memory ({@code content}); {@code name} names it in messages. */
    public static void prepare(Path name, byte[] content, InputSpec spec, float[] dest, int offset)
            throws ImageDecodeException {
        BufferedImage image = ImageDecoder.decode(name, content, Math.max(spec.width(), spec.height()));
        prepare(image, spec, dest, offset);
    }

    public static void prepare(BufferedImage image, InputSpec spec, float[] dest, int offset) {
        PixelTensors.fill(image, spec, dest, offset);
    }

    /**
     * Variant {@code k} of the image (see {@link Augmentation}). Decoded a little larger than for the original, so a
     * crop of 80% of the area is not enlarged on the way to the network's size.
     */
    public static float[] prepareVariant(Path file, String hash, int k, boolean colour, InputSpec spec)
            throws ImageDecodeException {
        int side = (int) Math.ceil(Math.max(spec.width(), spec.height()) / 0.8);
        BufferedImage variant = Augmentation.variant(ImageDecoder.decode(file, side), hash, k, colour);
        float[] out = new float[spec.valuesPerImage()];
        prepare(variant, spec, out, 0);
        return out;
    }

    /** The part of a {@code w x h} photo the network sees (all of it unless the spec crops its centre). */
    public static java.awt.Rectangle seen(int w, int h, InputSpec spec) {
        return PixelTensors.seen(w, h, spec);
    }

    public static float[] prepare(Path file, InputSpec spec) throws ImageDecodeException {
        float[] out = new float[spec.valuesPerImage()];
        prepare(file, spec, out, 0);
        return out;
    }

    /**
     * The photo decoded, fitted and resized exactly as for {@code spec}, before scaling: RGB values 0-255 (fractional where
     * interpolated), NHWC. What an export that prepares its pixels itself is fed when it is checked against Loupe.
     */
    public static float[] rgb(Path file, InputSpec spec) throws ImageDecodeException {
        BufferedImage image = ImageDecoder.decode(file, Math.max(spec.width(), spec.height()));
        return PixelTensors.rgb(image, spec.width(), spec.height(), spec.fit());
    }
}
