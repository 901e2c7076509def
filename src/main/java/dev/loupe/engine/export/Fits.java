package dev.loupe.engine.export;

import dev.loupe.engine.backbone.InputSpec;

/** How an export's usage text says the photo is brought to the model's size, as the model's input spec does it. */
final class Fits {

    private Fits() {
    }

    static String words(InputSpec spec) {
        String size = spec.width() + "x" + spec.height();
        return spec.fit() == InputSpec.Fit.CENTRE_CROP
                ? "centre-cropped to the model's aspect (a square for " + size + ") and resized to " + size
                : "resized to " + size + " (stretched: the aspect ratio is not kept)";
    }
}
