package dev.loupe.engine.explain;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.FeatureExtractor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.testing.PatchScenes;
import dev.loupe.testing.PatchScenes.Scene;
import dev.loupe.testing.PatchScenes.Texture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Heat maps point at what decides the class. Pictures of a small textured patch at a random place on clutter
 * ({@link PatchScenes}), one texture per class, on the smallest bundled backbone with the default head: the map's
 * hottest cell falls on the patch (the pointing game, with its usual 15 px tolerance: the map's cells are 32 px), and greying the hottest 20% of the picture lowers the
 * class's probability more than greying a random 20% of it (the deletion test). Figures in docs/explain.md.
 */
class HeatMapFaithfulnessTest {

    static final int SIZE = 224;
    static final int PATCH = 64;
    /** The pointing game's tolerance (Zhang et al., ECCV 2016): a peak this close to the box counts as on it. */
    static final int TOLERANCE = 15;
    private static final double MASKED = 0.2;

    private static FeatureExtractor extractor;
    private static List<Scene> held;
    private static int[] heldLabels;
    private static Explainer explainer;

    @BeforeAll
    static void train() throws Exception {
        BackboneDescriptor d = BackboneRegistry.bundled().require("mobilenet-v1-0.25");
        extractor = ExtractorFactory.onnx().open(d);
        ScenesModel trained = ScenesModel.train(extractor, d, TrainingConfig.DEFAULT_HIDDEN, 60, 0);
        ModelBundle model = trained.model();
        held = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (Texture t : Texture.values()) {
                held.add(PatchScenes.scene(t, SIZE, PATCH, 900_000 + i * 10L + t.ordinal()));
                labels.add(t.ordinal());
            }
        }
        heldLabels = labels.stream().mapToInt(Integer::intValue).toArray();
        explainer = new Explainer(model, extractor);
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    @Test
    void theHottestCellFallsOnThePatch() {
        int hits = 0;
        int strictHits = 0;
        int correct = 0;
        for (int i = 0; i < held.size(); i++) {
            Explanation e = explainer.explain(held.get(i).image());
            correct += e.topClass() == heldLabels[i] ? 1 : 0;
            HeatMap map = e.heatMap(heldLabels[i]);
            double x = (map.peak() % map.width() + 0.5) * SIZE / map.width();
            double y = (map.peak() / map.width() + 0.5) * SIZE / map.height();
            Rectangle box = held.get(i).patch();
            hits += near(box, x, y, TOLERANCE) ? 1 : 0;
            strictHits += near(box, x, y, 0) ? 1 : 0;
        }
        double pointing = hits / (double) held.size();
        System.out.println(String.format(Locale.ROOT, "Pointing game: %d of %d held-out pictures (%.1f%%) within "
                + "%d px of the patch, %d strictly inside; %d of %d classified right", hits, held.size(),
                100 * pointing, TOLERANCE, strictHits, correct, held.size()));
        assertThat(pointing).isGreaterThanOrEqualTo(0.85);
    }

    private static boolean near(Rectangle box, double x, double y, int tolerance) {
        return x >= box.x - tolerance && x <= box.x + box.width + tolerance
                && y >= box.y - tolerance && y <= box.y + box.height + tolerance;
    }

    @Test
    void greyingTheHottestFifthCostsMoreThanARandomFifth() {
        Random random = new Random(7);
        double hotDrop = 0;
        double randomDrop = 0;
        for (int i = 0; i < held.size(); i++) {
            int cls = heldLabels[i];
            BufferedImage image = held.get(i).image();
            Explanation e = explainer.explain(image);
            double p = e.probabilities()[cls];
            float[] hot = e.heatMap(cls).upsample(SIZE, SIZE);
            float[] noise = randomMap(random, e.heatMap(cls)).upsample(SIZE, SIZE);
            hotDrop += p - explainer.explain(greyed(image, hot, random)).probabilities()[cls];
            randomDrop += p - explainer.explain(greyed(image, noise, random)).probabilities()[cls];
        }
        hotDrop /= held.size();
        randomDrop /= held.size();
        System.out.println(String.format(Locale.ROOT, "Deletion: greying the hottest 20%% lowers the class probability by "
                + "%.3f on average, a random 20%% by %.3f", hotDrop, randomDrop));
        assertThat(hotDrop).isGreaterThan(randomDrop);
    }

    /** A map of random cells, upsampled like a real one, so the random fifth is made of blobs of the same size. */
    private static HeatMap randomMap(Random random, HeatMap like) {
        float[] cells = new float[like.cam().length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = random.nextFloat();
        }
        return new HeatMap(like.label(), like.classIndex(), like.probability(), like.width(), like.height(), cells,
                like.input());
    }

    /**
     * The picture with its hottest {@value #MASKED} of pixels by {@code values} set to mid-grey; ties (the cold cells
     * clipped to 0) are broken at random.
     */
    static BufferedImage greyed(BufferedImage image, float[] values, Random random) {
        List<Integer> order = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        order.sort((a, b) -> Float.compare(values[b], values[a]));
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(image, 0, 0, null);
        for (int i : order.subList(0, (int) Math.round(MASKED * values.length))) {
            out.setRGB(i % image.getWidth(), i / image.getWidth(), 0x808080);
        }
        return out;
    }
}
