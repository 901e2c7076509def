package dev.loupe.ui.common;

import java.util.Locale;

/** A count with its noun, in the one form the studio writes: "1 image", "2 images", "10,000 images". */
public final class Plurals {

    private Plurals() {
    }

    /** {@code noun} is the singular; the plural adds "s" (every noun the studio counts does). */
    public static String of(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? noun : noun + "s");
    }
}
