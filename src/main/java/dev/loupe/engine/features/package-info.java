/**
 * Turning images into feature vectors: a pipeline with one worker per core, each decoding a batch and running the
 * network on it (a decoding pool beside one caller for DL4J), behind one
 * {@link dev.loupe.engine.features.FeatureExtractor} interface (ONNX Runtime by default, DL4J as the reference), and
 * the feature cache that makes a retrain after adding a few photos take seconds.
 */
package dev.loupe.engine.features;
