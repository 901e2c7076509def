package dev.loupe.engine.model;

/** Which backbone a model's head was trained on; the backbone itself is looked up in the registry by id. */
public record BackboneRef(String id, String displayName, String cutLayer, int featureDim) {
}
