package dev.loupe.engine.util;

import java.util.Locale;

/**
 * A count with its noun, in the one form Loupe writes (studio, CLI and job stages): "1 image", "2 images",
 * "10,000 images". In the engine so that job stages ("Classifying 1 image") and the panes say it the same way.
 */
public final class Plurals {

    private Plurals() {
    }

    /** {@code noun} is the singular; the plural adds "s" (every noun the studio counts does). */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }

    /** For a noun whose plural is not the singular plus "s" ("copy", "copies"). */
    public static String of(long count, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : plural);
    }
}
