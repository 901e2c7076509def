package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.image.ImageDecoder;
import dev.loupe.engine.image.ImageResizer;

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

    public static void prepare(BufferedImage image, InputSpec spec, float[] dest, int offset) {
        BufferedImage sized = ImageResizer.resize(image, spec.width(), spec.height());
        PixelTensors.fill(sized, spec, dest, offset);
    }

    public static float[] prepare(Path file, InputSpec spec) throws ImageDecodeException {
        float[] out = new float[spec.valuesPerImage()];
        prepare(file, spec, out, 0);
        return out;
    }
}
