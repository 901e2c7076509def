/**
 * A trained model as one file ({@code *.loupe}, a zip): the head network, the labels, the backbone it expects, the
 * input spec, the calibration temperature, a format version and the provenance of the run. Written atomically; a
 * bundle from a newer format version or a damaged one is refused with a message that says so.
 */
package dev.loupe.engine.model;
