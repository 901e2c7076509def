package dev.loupe.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes real Adobe CMYK and YCCK JPEGs, as Photoshop does: four components and an APP14 "Adobe" marker whose
 * transform byte says 0 (CMYK) or 2 (YCCK). The JDK writer writes a Raster's samples as they are, so the samples are
 * given here already in Adobe's convention (inverted CMYK) and, for YCCK, already converted the way libjpeg does.
 */
public final class AdobeJpegs {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private AdobeJpegs() {
    }

    /** 32 x 16: left half C0 M100 Y100 K0 (red), right half C100 M100 Y0 K0 (blue). */
    public static byte[] cmykRedBlue(boolean ycck) throws IOException {
        int[] red = {0, 255, 255, 0};
        int[] blue = {255, 255, 0, 0};
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                raster.setPixel(x, y, stored(x < 16 ? red : blue, ycck));
            }
        }
        return write(raster, ycck ? 2 : 0);
    }

    /** Adobe stores CMYK inverted; YCCK stores YCbCr of (255 - C', 255 - M', 255 - Y') of those, and K' as is. */
    private static int[] stored(int[] cmyk, boolean ycck) {
        int c = 255 - cmyk[0];
        int m = 255 - cmyk[1];
        int yl = 255 - cmyk[2];
        int k = 255 - cmyk[3];
        if (!ycck) {
            return new int[] {c, m, yl, k};
        }
        double r = 255 - c;
        double g = 255 - m;
        double b = 255 - yl;
        int luma = clamp(0.299 * r + 0.587 * g + 0.114 * b);
        int cb = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
        int cr = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
        return new int[] {luma, cb, cr, k};
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static byte[] write(Raster raster, int transform) throws IOException {
        ImageWriter writer = jdkJpegWriter();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata md = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_3BYTE_BGR), param);
            IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(FORMAT);
            IIOMetadataNode variety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
            while (variety.hasChildNodes()) {
                variety.removeChild(variety.getFirstChild()); // no JFIF: JFIF means 1 or 3 components
            }
            IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
            adobe.setAttribute("version", "100");
            adobe.setAttribute("flags0", "0");
            adobe.setAttribute("flags1", "0");
            adobe.setAttribute("transform", Integer.toString(transform));
            IIOMetadataNode sequence = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
            sequence.insertBefore(adobe, sequence.getFirstChild());
            IIOMetadataNode sof = (IIOMetadataNode) root.getElementsByTagName("sof").item(0);
            sof.setAttribute("numFrameComponents", "4");
            IIOMetadataNode k = new IIOMetadataNode("componentSpec");
            k.setAttribute("componentId", "4");
            k.setAttribute("HsamplingFactor", "1");
            k.setAttribute("VsamplingFactor", "1");
            k.setAttribute("QtableSelector", "1");
            sof.appendChild(k);
            IIOMetadataNode sos = (IIOMetadataNode) root.getElementsByTagName("sos").item(0);
            sos.setAttribute("numScanComponents", "4");
            IIOMetadataNode ks = new IIOMetadataNode("scanComponentSpec");
            ks.setAttribute("componentSelector", "4");
            ks.setAttribute("dcHuffTable", "1");
            ks.setAttribute("acHuffTable", "1");
            sos.appendChild(ks);
            md.setFromTree(FORMAT, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(raster, null, md), param);
            }
            return bytes.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter first = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
            first = first == null ? w : first;
        }
        return first;
    }

    /** The transform byte of the file's APP14 Adobe marker, or -1 if it has none. */
    static int adobeTransform(Path jpeg) throws IOException {
        byte[] b = Files.readAllBytes(jpeg);
        for (int i = 4; i + 11 < b.length; i++) {
            if ((b[i - 4] & 0xFF) == 0xFF && (b[i - 3] & 0xFF) == 0xEE
                    && b[i] == 'A' && b[i + 1] == 'd' && b[i + 2] == 'o' && b[i + 3] == 'b' && b[i + 4] == 'e') {
                return b[i + 11];
            }
        }
        return -1;
    }
}
