package dev.loupe.engine.model;

import dev.loupe.engine.backbone.InputSpec;

import java.util.List;

/**
 * The {@code manifest.json} of a model bundle.
 *
 * @param formatVersion bundle format; this build reads up to {@link ModelBundle#FORMAT_VERSION}
 * @param kind          always {@code loupe-model}
 * @param temperature   calibration temperature applied to the head's probabilities
 */
public record ModelManifest(int formatVersion, String kind, List<String> labels, BackboneRef backbone,
                            InputSpec input, double temperature, Provenance provenance) {

    public static final String KIND = "loupe-model";

    /** This manifest with another format version (a bundle is written in the oldest format that holds it). */
    public ModelManifest withFormatVersion(int version) {
        return new ModelManifest(version, kind, labels, backbone, input, temperature, provenance);
    }
}
