package dev.loupe.engine.backbone;

/** A backbone could not be found, loaded or validated; the message says which and what to do. */
public class BackboneException extends Exception {
    public BackboneException(String message) {
        super(message);
    }

    public BackboneException(String message, Throwable cause) {
        super(message, cause);
    }
}
