package dev.loupe.engine.backbone.importer;

import java.text.Normalizer;
import java.util.Locale;

/** Backbone ids from display names: lower-case ASCII letters, digits, '.', '-'; stable, safe as a folder name. */
final class Ids {

    private Ids() {
    }

    static String fromName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String id = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        return id.isEmpty() ? "imported" : id.length() > 48 ? id.substring(0, 48) : id;
    }
}
