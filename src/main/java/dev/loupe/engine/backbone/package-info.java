/**
 * The pretrained feature extractors Loupe learns from: their descriptors (input spec, cut layer, feature size,
 * licence, source), the registry that lists them, and loading them into DL4J. Every fact about a backbone's input
 * lives in its {@link dev.loupe.engine.backbone.InputSpec}, recorded beside the weights, never scattered in code.
 */
package dev.loupe.engine.backbone;
