package dev.loupe.engine.backbone;

/** Whether a backbone can be used now, and why. */
public enum BackboneState {
    /** Ships inside Loupe: works offline. */
    BUNDLED,
    /** Downloaded earlier into the user's cache. */
    DOWNLOADED,
    /** Known, not on this machine yet: needs a download the user asks for. */
    DOWNLOADABLE,
    /** Imported by the user from a Keras or TF.js file. */
    IMPORTED
}
