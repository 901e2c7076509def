package dev.loupe.engine.features;

import dev.loupe.engine.backbone.InputSpec;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** Fills a tensor straight from an image's pixel buffer: no per-pixel boxing, no intermediate arrays. */
public final class PixelTensors {

    private PixelTensors() {
    }

    /**
     * @param image  a {@code TYPE_INT_RGB} image already at the spec's size
     * @param offset where this image starts in {@code dest}
     */
    public static void fill(BufferedImage image, InputSpec spec, float[] dest, int offset) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB || image.getWidth() != spec.width()
                || image.getHeight() != spec.height()) {
            throw new IllegalArgumentException("expected a " + spec.width() + "x" + spec.height() + " RGB image");
        }
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int plane = spec.width() * spec.height();
        boolean bgr = spec.channelOrder() == InputSpec.ChannelOrder.BGR;
        boolean nchw = spec.layout() == InputSpec.Layout.NCHW;
        InputSpec.Scaling scaling = spec.scaling();
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            float r = scaling.apply((p >> 16) & 0xFF, 0);
            float g = scaling.apply((p >> 8) & 0xFF, 1);
            float b = scaling.apply(p & 0xFF, 2);
            float c0 = bgr ? b : r;
            float c2 = bgr ? r : b;
            if (nchw) {
                dest[offset + i] = c0;
                dest[offset + plane + i] = g;
                dest[offset + 2 * plane + i] = c2;
            } else {
                int o = offset + 3 * i;
                dest[o] = c0;
                dest[o + 1] = g;
                dest[o + 2] = c2;
            }
        }
    }
}
