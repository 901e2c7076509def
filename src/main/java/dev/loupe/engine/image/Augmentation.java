package dev.loupe.engine.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Augmented variants of a picture: random crop (80-100% of the area), horizontal flip and rotation (up to 10 degrees),
 * and, only when asked, colour jitter (brightness, contrast, saturation up to 15%): where colour is what tells the
 * classes apart (ripe from unripe, shades of a paint) jitter can carry a photo into the next class's range, while a
 * crop or a mirror never changes what the photo shows (issue 18). The random draws are seeded by the image's content
 * hash, the variant index, whether colour changes and {@link #VERSION} only, so a variant always has the same pixels
 * and its features can be cached like an original's. Any change to what a variant looks like must bump
 * {@link #VERSION}, which retires the cached features of the old variants.
 */
public final class Augmentation {

    /** 2: colour jitter became optional; version 1's variants all had it. */
    public static final int VERSION = 2;
    private static final String COLOUR = "c";
    private static final String MARK = "#aug";

    private static final double MIN_AREA = 0.8;
    private static final double MAX_DEGREES = 10;
    private static final double JITTER = 0.15;

    private Augmentation() {
    }

    /**
     * The cache key of variant {@code k} of the image whose content hash is {@code hash}, with or without colour
     * jitter: "HASH#aug2:K" or "HASH#aug2c:K".
     */
    public static String key(String hash, int k, boolean colour) {
        return hash + MARK + VERSION + (colour ? COLOUR : "") + ":" + k;
    }

    /** Whether {@code key} names a variant ({@link #key}) rather than a photo (a content hash, hex digits only). */
    public static boolean isVariant(String key) {
        return key.contains(MARK);
    }

    /** The content hash of the photo a key made by {@link #key} names a variant of. */
    public static String photoOf(String key) {
        return key.substring(0, key.indexOf(MARK));
    }

    /** The variant index in a key made by {@link #key}. */
    public static int indexOf(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf(':') + 1));
    }

    /** Whether the variant a key made by {@link #key} names has its colours jittered. */
    public static boolean colourOf(String key) {
        int colon = key.lastIndexOf(':');
        return colon > 0 && key.startsWith(COLOUR, colon - COLOUR.length());
    }

    /**
     * Variant {@code k} of {@code src} (never {@code src} itself), a {@code TYPE_INT_RGB} image of the crop's size;
     * its colours jittered only if {@code colour}.
     */
    public static BufferedImage variant(BufferedImage src, String hash, int k, boolean colour) {
        Random r = new Random(seed(key(hash, k, colour)));
        BufferedImage rgb = RgbImages.toIntRgb(src);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        // Crop: a share of the area with the aspect ratio changed by up to 4:3 either way.
        double area = MIN_AREA + (1 - MIN_AREA) * r.nextDouble();
        double aspect = Math.exp((r.nextDouble() * 2 - 1) * Math.log(4.0 / 3));
        int cw = clamp((int) Math.round(w * Math.sqrt(area * aspect)), 1, w);
        int ch = clamp((int) Math.round(h * Math.sqrt(area / aspect)), 1, h);
        int x = r.nextInt(w - cw + 1);
        int y = r.nextInt(h - ch + 1);
        boolean flip = r.nextBoolean();
        double theta = Math.toRadians((r.nextDouble() * 2 - 1) * MAX_DEGREES);
        // Zoom in just enough that the rotated crop covers the whole frame: no empty corners for the network to learn.
        double c = Math.cos(Math.abs(theta));
        double s = Math.sin(Math.abs(theta));
        double zoom = Math.max((cw * c + ch * s) / cw, (cw * s + ch * c) / ch);
        BufferedImage out = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
        AffineTransform t = new AffineTransform();
        t.translate(cw / 2.0, ch / 2.0);
        t.rotate(theta);
        t.scale(flip ? -zoom : zoom, zoom);
        t.translate(-(x + cw / 2.0), -(y + ch / 2.0));
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(rgb, t, null);
        } finally {
            g.dispose();
        }
        if (colour) {
            jitter(out, 1 + JITTER * (r.nextDouble() * 2 - 1), 1 + JITTER * (r.nextDouble() * 2 - 1),
                    1 + JITTER * (r.nextDouble() * 2 - 1));
        }
        return out;
    }

    /** Brightness scales, contrast stretches around the mean luma, saturation moves away from each pixel's grey. */
    private static void jitter(BufferedImage img, double brightness, double contrast, double saturation) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        double mean = 0;
        for (int p : px) {
            mean += luma(p);
        }
        mean = mean * brightness / px.length;
        for (int i = 0; i < px.length; i++) {
            double grey = luma(px[i]) * brightness;
            int rgb = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                double v = ((px[i] >> shift) & 0xFF) * brightness;
                v = grey + (v - grey) * saturation;
                v = mean + (v - mean) * contrast;
                rgb |= clamp((int) Math.round(v), 0, 255) << shift;
            }
            px[i] = rgb;
        }
        img.setRGB(0, 0, w, h, px, 0, w);
    }

    private static double luma(int p) {
        return 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF) + 0.114 * (p & 0xFF);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** A seed from SHA-256, so nearby keys (variant 1 and 2 of one image) draw unrelated numbers. */
    private static long seed(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) {
                s = s << 8 | (d[i] & 0xFF);
            }
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
