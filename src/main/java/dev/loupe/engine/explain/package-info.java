/**
 * What a model looked at: heat maps (Grad-CAM) of an image for a class. The backbone's last feature maps come from
 * the same ONNX Runtime run as its features (a second output of the exported graph, see
 * {@link dev.loupe.engine.backbone.FeatureMapLayer}); the gradient of the class's logit through Loupe's small head
 * and the feature scaler weighs them ({@code HeadGradient}), exactly class activation mapping for softmax regression.
 * {@link dev.loupe.engine.explain.HeatMapPainter} colours a map the one way the studio and the command line show it;
 * {@link dev.loupe.engine.explain.HeatMapFiles} writes them for {@code loupe explain};
 * {@link dev.loupe.engine.explain.ShortcutCheck} looks for a class the model tells apart by one place in its photos.
 */
package dev.loupe.engine.explain;
