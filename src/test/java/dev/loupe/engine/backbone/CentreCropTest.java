package dev.loupe.engine.backbone;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A model trained as Teachable Machine trains (its centred square, x / 127 - 1) is fed that way: a tall photo whose
 * middle third is green gives an all-green tensor, scaled x / 127 - 1; stretching would have kept the red and blue.
 */
class CentreCropTest {

    @Test
    void aTallPhotoIsCutToItsCentredSquareAndScaledAsTeachableMachineScales() {
        BufferedImage tall = new BufferedImage(100, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tall.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.setColor(new Color(0, 254, 0));
        g.fillRect(0, 100, 100, 100);
        g.setColor(Color.BLUE);
        g.fillRect(0, 200, 100, 100);
        g.dispose();
        InputSpec tm = new InputSpec(32, 32, InputSpec.ChannelOrder.RGB, InputSpec.Scaling.TEACHABLE_MACHINE,
                InputSpec.Layout.NCHW, 1, InputSpec.Fit.CENTRE_CROP);
        float[] t = new float[tm.valuesPerImage()];
        ImagePreparer.prepare(tall, tm, t, 0);
        int plane = 32 * 32;
        for (int i = 0; i < plane; i++) {
            assertThat(t[i]).as("red at %d", i).isCloseTo(-1f, within(1e-6f));
            assertThat(t[plane + i]).as("green at %d", i).isCloseTo(254f / 127f - 1f, within(1e-6f));
            assertThat(t[2 * plane + i]).as("blue at %d", i).isCloseTo(-1f, within(1e-6f));
        }
        InputSpec stretch = new InputSpec(32, 32, InputSpec.ChannelOrder.RGB, InputSpec.Scaling.TEACHABLE_MACHINE,
                InputSpec.Layout.NCHW, 1);
        ImagePreparer.prepare(tall, stretch, t, 0);
        assertThat(t[0]).as("stretched, the top row is red").isCloseTo(1f + 1f / 127f, within(1e-6f));
    }
}
