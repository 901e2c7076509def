package dev.loupe.engine.bench;

import dev.loupe.engine.util.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's learning curves as a PNG (Java2D, headless): one panel per dataset, test accuracy against labels
 * given, one line per strategy (mean over seeds), the 95% target dashed. Written whole or not at all.
 */
public final class LabellingPlot {

    private static final int PANEL_W = 560;
    private static final int PANEL_H = 400;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color[] COLOURS = {new Color(0x555555), new Color(0x1f77b4), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0xff7f0e), new Color(0x9467bd)};

    private LabellingPlot() {
    }

    public static void write(List<LabellingReport.DatasetResult> results, Path png) throws IOException {
        BufferedImage img = new BufferedImage(PANEL_W * results.size(), PANEL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < results.size(); i++) {
            panel(g, results.get(i), i * PANEL_W);
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static void panel(Graphics2D g, LabellingReport.DatasetResult r, int x0) {
        int w = PANEL_W - LEFT - RIGHT;
        int h = PANEL_H - TOP - BOTTOM;
        double xMax = r.maxLabels();
        double yMin = Math.floor(r.strategies().stream().flatMapToDouble(s -> java.util.Arrays.stream(
                s.meanAccuracy())).min().orElse(0) * 10) / 10;
        double yMax = Math.min(1, Math.ceil(Math.max(r.fullAccuracy(), r.strategies().stream()
                .flatMapToDouble(s -> java.util.Arrays.stream(s.meanAccuracy())).max().orElse(1)) * 20) / 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(r.name() + String.format(Locale.ROOT, " (pool %d, test %d, %d seeds)", r.pool(), r.test(),
                r.seeds()), x0 + LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xdddddd));
        for (int t = 0; t <= 5; t++) {
            int gy = TOP + h - t * h / 5;
            g.drawLine(x0 + LEFT, gy, x0 + LEFT + w, gy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", yMin + t * (yMax - yMin) / 5), x0 + 20, gy + 4);
            int gx = x0 + LEFT + t * w / 5;
            g.drawString(String.valueOf(Math.round(t * xMax / 5)), gx - 10, TOP + h + 16);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x0 + LEFT, TOP, w, h);
        g.drawString("labels given", x0 + LEFT + w / 2 - 30, TOP + h + 34);
        g.drawString("test accuracy", x0 + 4, TOP - 8);
        int ty = TOP + h - (int) Math.round((r.target() - yMin) / (yMax - yMin) * h);
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(x0 + LEFT, ty, x0 + LEFT + w, ty);
        g.drawString(String.format(Locale.ROOT, "95%% of all labels (%.3f)", r.target()), x0 + LEFT + w - 170,
                ty - 4);
        for (int s = 0; s < r.strategies().size(); s++) {
            LabellingReport.StrategyResult sr = r.strategies().get(s);
            g.setColor(COLOURS[s % COLOURS.length]);
            g.setStroke(new BasicStroke(2));
            int px = -1;
            int py = -1;
            for (int i = 0; i < sr.labels().length; i++) {
                int cx = x0 + LEFT + (int) Math.round(sr.labels()[i] / xMax * w);
                int cy = TOP + h - (int) Math.round((sr.meanAccuracy()[i] - yMin) / (yMax - yMin) * h);
                if (px >= 0) {
                    g.drawLine(px, py, cx, cy);
                }
                px = cx;
                py = cy;
            }
            int ly = TOP + h - 14 - (r.strategies().size() - 1 - s) * 16;
            g.drawLine(x0 + LEFT + w - 150, ly - 4, x0 + LEFT + w - 130, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(sr.strategy(), x0 + LEFT + w - 124, ly);
        }
    }
}
