package dev.loupe.engine.export;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.model.ModelBundle;

import java.nio.file.Path;

/**
 * What an exporter exports: a loaded model bundle and its loaded backbone (DL4J graph cut at the feature layer,
 * NCHW, with its descriptor).
 *
 * @param modelFile the bundle's file, for names and messages
 */
public record ExportSource(ModelBundle model, Backbone backbone, Path modelFile) {
}
