package dev.loupe.engine.inference;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.backbone.FullClassifier;
import dev.loupe.engine.backbone.InputSpec;
import dev.loupe.engine.backbone.tfjs.ModelSource;
import dev.loupe.engine.backbone.tfjs.TfjsImporter;
import dev.loupe.engine.backbone.ImagePreparer;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Natives;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TF.js / Teachable Machine export used as it is, a ready classifier: the whole network (its own head) and the
 * labels in its {@code metadata.json}, run as Teachable Machine's library runs it: the photo's centred square,
 * resized to 224 x 224, RGB scaled x / 127 - 1, NHWC.
 */
public final class TfjsClassifier implements AutoCloseable {

    private final FullClassifier model;

    private TfjsClassifier(FullClassifier model) {
        this.model = model;
    }

    /** True when {@code path} is a folder with model.json and metadata.json (a TF.js / Teachable Machine export). */
    public static boolean isExport(Path path) {
        return Files.isDirectory(path) && Files.isRegularFile(path.resolve("model.json"))
                && Files.isRegularFile(path.resolve("metadata.json"));
    }

    public static TfjsClassifier open(Path folder) throws IOException {
        Natives.configure();
        ModelSource source = ModelSource.directory(folder);
        try {
            List<String> labels = TfjsImporter.labels(source);
            int size = TfjsImporter.imageSize(source);
            InputSpec spec = new InputSpec(size, size, InputSpec.ChannelOrder.RGB,
                    InputSpec.Scaling.TEACHABLE_MACHINE, InputSpec.Layout.NHWC, 1, InputSpec.Fit.CENTRE_CROP);
            return new TfjsClassifier(new FullClassifier(TfjsImporter.load(source, null), labels, spec));
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("Cannot use the TF.js model in " + folder + ": " + e.getMessage(), e);
        }
    }

    public List<String> labels() {
        return model.labels();
    }

    /** Classifies files in order; unreadable ones get a prediction with the reason. */
    public List<Prediction> classify(List<Path> files, int topK, JobMonitor monitor) {
        monitor.stage("Classifying " + Plurals.of(files.size(), "image"));
        InputSpec spec = model.inputSpec();
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            monitor.checkCancelled();
            Path file = files.get(i);
            try {
                float[] pixels = ImagePreparer.prepare(file, spec);
                try (INDArray input = Nd4j.create(pixels, new long[]{1, spec.height(), spec.width(), 3}, 'c')) {
                    out.add(new Prediction(file, LabelScore.top(model.labels(),
                            model.probabilities(input).toFloatVector(), topK), null));
                }
            } catch (ImageDecodeException e) {
                out.add(Prediction.failed(file, e.getMessage()));
            }
            monitor.progress(i + 1, files.size());
        }
        return out;
    }


    @Override
    public void close() {
        model.graph().close();
    }
}
