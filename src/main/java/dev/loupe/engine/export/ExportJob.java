package dev.loupe.engine.export;

import dev.loupe.engine.backbone.Backbone;
import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.jobs.Job;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.model.ModelFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way to export a model, for the command line and the studio: checks the target, loads the model and its
 * backbone, lets the format's {@link Exporter} write into a staging place and moves the result into place whole.
 */
public final class ExportJob {

    private static final Logger LOG = LoggerFactory.getLogger(ExportJob.class);

    private ExportJob() {
    }

    /** Exports {@code modelFile} in {@code format} to {@code target} (a file or a folder, as the format writes). */
    public static Job<ExportResult> of(Path modelFile, String format, Path target, BackboneRegistry registry) {
        return monitor -> {
            Exporter exporter = Exporters.require(format);
            monitor.stage("Loading " + modelFile.getFileName());
            ModelBundle model = ModelFiles.load(modelFile);
            try (ExportTarget out = ExportTarget.prepare(target, exporter.output(), modelFile)) {
                monitor.stage("Loading backbone " + model.manifest().backbone().id());
                Backbone backbone = model.loadBackbone(registry, modelFile);
                Usage usage;
                try {
                    monitor.checkCancelled();
                    monitor.stage("Writing " + exporter.description());
                    usage = exporter.write(new ExportSource(model, backbone, modelFile), out.staged(), monitor);
                } finally {
                    backbone.graph().close();
                }
                monitor.checkCancelled();
                var files = out.commit();
                long bytes = 0;
                Path path = target.toAbsolutePath().normalize();
                for (String f : files) {
                    bytes += Files.size(exporter.output() == Exporter.Output.FILE ? path : path.resolve(f));
                }
                LOG.info("Exported {} as {} to {} ({} files, {} bytes)", modelFile, format, path, files.size(), bytes);
                return new ExportResult(format, path, files, bytes, usage);
            }
        };
    }
}
