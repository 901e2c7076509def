/**
 * Exports a trained model for other runtimes: one {@link dev.loupe.engine.export.Exporter} per format (ONNX, TF.js,
 * a web page, Keras, ...), listed by {@link dev.loupe.engine.export.Exporters} and run by
 * {@link dev.loupe.engine.export.ExportJob}, which loads the model and its backbone, refuses to write over the
 * model, has the exporter write into a staging place beside the target and moves the result into place whole.
 */
package dev.loupe.engine.export;
