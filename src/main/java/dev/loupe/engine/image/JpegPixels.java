package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Turns a JPEG's raw samples (YCbCr or grey, as {@code ImageReader.readRaster} returns them) into {@code TYPE_INT_RGB}
 * with libjpeg's own integer tables, so the result is bit for bit what {@code ImageReader.read} returns for a plain
 * JPEG ({@link JpegHeader#plainColour()}). It is about twice as fast: ImageIO converts in libjpeg but then copies each
 * row into a {@code TYPE_3BYTE_BGR} image, which Loupe had to convert to {@code TYPE_INT_RGB} once more
 * (docs/benchmarks.md, "Decoding").
 */
final class JpegPixels {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        // jdcolor.c's build_ycc_rgb_table, the JFIF conversion in 16-bit fixed point.
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegPixels() {
    }

    /** An opaque RGB image of the raster's 1 (grey) or 3 (YCbCr) byte bands. */
    static BufferedImage toIntRgb(Raster raster) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        ComponentSampleModel model = (ComponentSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int pixelStride = model.getPixelStride();
        int rowStride = model.getScanlineStride();
        int[] bands = model.getBandOffsets();
        int origin = raster.getDataBuffer().getOffset() + model.getOffset(
                -raster.getSampleModelTranslateX() + raster.getMinX(),
                -raster.getSampleModelTranslateY() + raster.getMinY());
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        boolean grey = raster.getNumBands() == 1;
        for (int y = 0; y < h; y++) {
            int p = origin + y * rowStride;
            int o = y * w;
            for (int x = 0; x < w; x++, p += pixelStride) {
                int luma = data[p + bands[0]] & 0xFF;
                if (grey) {
                    rgb[o + x] = luma << 16 | luma << 8 | luma;
                } else {
                    int cb = data[p + bands[1]] & 0xFF;
                    int cr = data[p + bands[2]] & 0xFF;
                    int r = clamp(luma + CR_R[cr]);
                    int g = clamp(luma + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
                    int b = clamp(luma + CB_B[cb]);
                    rgb[o + x] = r << 16 | g << 8 | b;
                }
            }
        }
        return out;
    }

    private static int fix(double v) {
        return (int) (v * (1L << SCALEBITS) + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
