/**
 * Turning images into feature vectors: a pipeline that decodes on a thread pool while one thread runs the network,
 * behind one {@link dev.loupe.engine.features.FeatureExtractor} interface (ONNX Runtime by default, DL4J as the
 * reference), and the feature cache that makes a retrain after adding a few photos take seconds.
 */
package dev.loupe.engine.features;
