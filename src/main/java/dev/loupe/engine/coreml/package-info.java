/**
 * Core ML export of a whole trained classifier ({@code .mlmodel}). The graph is the one the ONNX exporter builds
 * from the DL4J network ({@code OnnxModelView}), translated operator by operator into Core ML's neural-network
 * layers; the file is a protobuf message of Apple's specification (package {@code CoreML.Specification}, generated at
 * build time from src/main/proto/coreml). Linux has no Core ML runtime: the tests decode the file with an independent
 * decoder, and the installers workflow compiles it and runs a prediction on macOS.
 */
package dev.loupe.engine.coreml;
