package dev.loupe.engine.model;

import java.io.IOException;

/** A file that is not a model this Loupe can read: damaged, not a Loupe model, or from a newer version. */
public final class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
