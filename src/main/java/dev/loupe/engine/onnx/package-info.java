/**
 * Export of DL4J networks (backbone graphs and classifier heads) to ONNX, so that ONNX Runtime can run them many
 * times faster than DL4J on a CPU. The model is built with the ONNX protobuf classes that ship inside nd4j-api; DL4J
 * stays the reference that the exported models are tested against. {@link dev.loupe.engine.onnx.OnnxModelView} hands
 * the graph of a whole classifier to the other formats (TFLite, Core ML), which translate it rather than walk the DL4J
 * network again.
 */
package dev.loupe.engine.onnx;
