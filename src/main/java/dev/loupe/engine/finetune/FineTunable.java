package dev.loupe.engine.finetune;

import dev.loupe.engine.backbone.BackboneDescriptor;
import dev.loupe.engine.backbone.BackboneException;
import dev.loupe.engine.backbone.BackboneLoader;

/**
 * How many of a backbone's last blocks can be fine-tuned (0 to {@code most}), and why not more, for a form to offer
 * only what a run can do: it loads the backbone and looks for each cut ({@link BackboneTop#find}).
 *
 * @param maxBlocks the most blocks with a cut below them, 0 when none
 * @param why       why {@code most} blocks cannot be, in one sentence; null when they can
 */
public record FineTunable(String backbone, int maxBlocks, String why) {

    public static FineTunable of(BackboneDescriptor descriptor, int most) throws BackboneException {
        var backbone = BackboneLoader.load(descriptor);
        String why = null;
        for (int n = most; n >= 1; n--) {
            try {
                BackboneTop.find(backbone, n);
                return new FineTunable(descriptor.id(), n, why);
            } catch (BackboneException e) {
                why = why == null ? e.getMessage() : why;
            }
        }
        return new FineTunable(descriptor.id(), 0, why);
    }
}
