package dev.loupe.engine.backbone.importer;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.ImagePreparer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * Runs an imported backbone on a probe image (a colour gradient with a disc: edges and colours, like a photo) the
 * way training will, and insists on one finite feature vector of the expected length. A model that passes import but
 * computes garbage (wrong layout, NaN weights) is refused here instead of in the middle of a training run.
 */
final class ProbeCheck {

    private ProbeCheck() {
    }

    /** @return the feature vector's length */
    static int check(Backbone backbone, int expectedDim) throws BackboneException {
        InputSpec spec = backbone.inputSpec().withLayout(InputSpec.Layout.NCHW);
        float[] pixels = new float[spec.valuesPerImage()];
        ImagePreparer.prepare(image(spec.width(), spec.height()), spec, pixels, 0);
        INDArray out;
        try (INDArray input = Nd4j.create(pixels, new long[]{1, 3, spec.height(), spec.width()}, 'c')) {
            out = backbone.graph().outputSingle(false, input);
        } catch (RuntimeException e) {
            throw new BackboneException("The imported network fails on a " + spec.width() + "x" + spec.height()
                    + " image: " + e.getMessage(), e);
        }
        long dim = out.length();
        if (out.rank() != 2 || out.size(0) != 1 || (expectedDim > 0 && dim != expectedDim)) {
            throw new BackboneException("The imported network gives features of shape "
                    + java.util.Arrays.toString(out.shape()) + " on a probe image, expected [1, " + expectedDim
                    + "]: choose another layer with --cut");
        }
        if (out.isNaN().any() || out.isInfinite().any()) {
            throw new BackboneException("The imported network gives NaN or infinite features on a probe image: its "
                    + "weights or its layer configuration are broken");
        }
        return (int) dim;
    }

    private static BufferedImage image(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 120, 200), width, height, new Color(240, 200, 40)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(200, 40, 60));
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return img;
    }
}
