/**
 * TFLite export of a whole trained classifier. The graph is the one the ONNX exporter builds from the DL4J network
 * ({@code OnnxModelView}), translated operator by operator into TFLite's NHWC operators, so the network is walked and
 * its layers interpreted in one place. The file is written with the FlatBuffers classes that flatc generated from
 * TensorFlow Lite's schema.fbs (package {@code tflite}, under src/generated/java).
 */
package dev.loupe.engine.tflite;
