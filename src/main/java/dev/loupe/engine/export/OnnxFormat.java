package dev.loupe.engine.export;

import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.PixelTransform;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.onnx.OnnxExportException;
import dev.loupe.engine.onnx.OnnxExporter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole classifier as one ONNX model (opset 13): RGB pixels 0-255 in, NHWC, as image libraries give them;
 * channel order, scaling, backbone, feature standardisation, head and calibration inside; probabilities out. The
 * labels are in the model's metadata ({@code labels}, a JSON array in output order).
 */
final class OnnxFormat implements Exporter {

    @Override
    public String format() {
        return "onnx";
    }

    @Override
    public String description() {
        return "ONNX model (ONNX Runtime from Python, C#, Java, JavaScript, C++)";
    }

    @Override
    public Output output() {
        return Output.FILE;
    }

    @Override
    public String suggestedName(String stem) {
        return stem + ".onnx";
    }

    @Override
    public Usage write(ExportSource source, Path path, JobMonitor monitor) throws Exception {
        ModelBundle model = source.model();
        InputSpec spec = source.backbone().inputSpec().withLayout(InputSpec.Layout.NCHW);
        byte[] bytes;
        try {
            bytes = OnnxExporter.classifierFile(source.backbone().graph(), spec,
                    PixelTransform.between(PixelTransform.Source.RGB_0_255, spec), model.scaler(), model.head(),
                    model.manifest().temperature(), model.labels(), source.backbone().id());
        } catch (OnnxExportException e) {
            throw new ExportException(e.getMessage(), e);
        }
        Files.write(path, bytes);
        return new Usage("ONNX model, opset 13, " + model.labels().size() + " classes", List.of(
                "Input:  '" + OnnxExporter.IMAGE + "' float32 [batch, " + spec.height() + ", " + spec.width()
                        + ", 3]: the photo " + Fits.words(spec) + ", RGB values 0-255 (scaling and channel order are inside the model)",
                "Output: '" + OnnxExporter.PROBABILITIES + "' float32 [batch, " + model.labels().size()
                        + "]: calibrated probabilities; the labels are in the metadata 'labels' (JSON array)",
                "Run it: onnxruntime.InferenceSession(FILE).run(None, {'image': pixels}) (docs/deploy.md)"));
    }
}
