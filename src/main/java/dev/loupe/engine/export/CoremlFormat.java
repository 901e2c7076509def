package dev.loupe.engine.export;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.coreml.CoremlExport;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExportException;
import dev.loupe.engine.onnx.TranslationException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole classifier as a Core ML model ({@code .mlmodel}) for iPhone, iPad and Mac apps: an image in, the most
 * probable label and every label's probability out, the pixel scaling in Core ML's image preprocessing.
 */
final class CoremlFormat implements Exporter {

    @Override
    public String format() {
        return "coreml";
    }

    @Override
    public String description() {
        return "Core ML model (iOS, iPadOS, macOS apps)";
    }

    @Override
    public Output output() {
        return Output.FILE;
    }

    @Override
    public String suggestedName(String stem) {
        return stem + ".mlmodel";
    }

    @Override
    public Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception {
        ModelBundle model = source.model();
        InputSpec spec = source.backbone().inputSpec();
        byte[] bytes;
        try {
            bytes = CoremlExport.model(model, source.backbone());
        } catch (OnnxExportException | TranslationException e) {
            throw new ExportException(e.getMessage(), e);
        }
        Files.write(path, bytes);
        return new Usage("Core ML neural-network classifier, " + model.labels().size() + " classes", List.of(
                "Input:  '" + CoremlExport.INPUT + "' image " + spec.width() + "x" + spec.height() + " "
                        + spec.channelOrder() + ": the photo " + Fits.words(spec) + " (Vision's "
                        + (spec.fit() == InputSpec.Fit.CENTRE_CROP ? ".centerCrop" : ".scaleFill")
                        + " does it; Core ML scales the pixels)",
                "Output: '" + CoremlExport.LABEL + "' (the top label) and '" + CoremlExport.PROBABILITIES
                        + "' (every label's calibrated probability)",
                "Run it: add it to an Xcode project and classify with VNCoreMLRequest (docs/deploy.md)"));
    }
}
