package dev.loupe.ui.common;

import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.explain.HeatMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Heat maps without a backbone, for the panes' tests: a photo's classes are red, green and blue by its mean colour
 * (as the Classify tests' fake model says), and the map of class c is hottest in one cell of its own (red top left,
 * green in the middle, blue bottom right), so a map of another class looks different. Records the threads it ran on;
 * {@link #noMaps} makes it answer as a backbone without feature maps does.
 */
public final class FakeHeatMaps implements HeatMapBackend {

    public static final List<String> LABELS = List.of("red", "green", "blue");
    /** The engine's sentence for VGG-16, whose features come from a dense layer. */
    public static final String NO_MAPS = "Its features come from layer '19' (a DenseLayer), not from pooling a spatial "
            + "feature map, so there is no map to show.";
    private static final InputSpec SPEC = new InputSpec(224, 224, InputSpec.ChannelOrder.RGB,
            InputSpec.Scaling.ZERO_TO_ONE, InputSpec.Layout.NCHW, 1);
    private static final int[] HOT_CELL = {0, 24, 48};

    /** The threads {@link #explain} ran on, and so how many runs of the "model" there were. */
    public final List<Thread> threads = new CopyOnWriteArrayList<>();
    public volatile boolean noMaps;

    @Override
    public Explained explain(Path model, Path image) throws Exception {
        threads.add(Thread.currentThread());
        if (noMaps) {
            throw new BackboneException(NO_MAPS);
        }
        BufferedImage img = ImageIO.read(image.toFile());
        float[] sums = new float[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                sums[0] += (rgb >> 16) & 255;
                sums[1] += (rgb >> 8) & 255;
                sums[2] += rgb & 255;
            }
        }
        float total = sums[0] + sums[1] + sums[2] + 1e-6f;
        float[] p = {sums[0] / total, sums[1] / total, sums[2] / total};
        return new Explained(LABELS, p, c -> map(c, p[c]), img.getWidth(), img.getHeight(), 7 * 7 * 4);
    }

    private static HeatMap map(int cls, double probability) {
        float[] cam = new float[49];
        cam[HOT_CELL[cls]] = 1;
        return new HeatMap(LABELS.get(cls), cls, probability, 7, 7, cam, SPEC);
    }

    /** The overlay's cell (x, y) of 7 x 7 where class {@code cls} is hottest, as a fraction of the width and height. */
    public static double[] hotSpot(int cls) {
        return new double[]{(HOT_CELL[cls] % 7 + 0.5) / 7, (HOT_CELL[cls] / 7 + 0.5) / 7};
    }

    @Override
    public void close() {
    }
}
