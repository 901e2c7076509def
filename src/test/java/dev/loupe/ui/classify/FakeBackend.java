package dev.loupe.ui.classify;

import dev.loupe.engine.dataset.DatasetScanner;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.embedding.DatasetMap;
import dev.loupe.engine.embedding.EmbeddingService;
import dev.loupe.engine.embedding.MapUpdate;
import dev.loupe.engine.embedding.TsneConfig;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.inference.LabelScore;
import dev.loupe.engine.inference.Prediction;
import dev.loupe.engine.jobs.JobMonitor;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A backend without DL4J: an image's features are its mean red, green and blue; the "model" says red, green or blue
 * by the strongest channel. The map is the real PCA + t-SNE on those features.
 */
final class FakeBackend implements ClassifyBackend {

    static final List<String> LABELS = List.of("red", "green", "blue");
    int classifyCalls;

    /**
     * A fake model file's facts: "fake" is a model of {@link #LABELS} trained on "colours"; a file reading
     * "labels:a,b;dataset:/x/shapes" names its own.
     */
    @Override
    public ModelFacts facts(Path model) throws Exception {
        String text = java.nio.file.Files.readString(model).strip();
        if (!text.startsWith("labels:")) {
            return new ModelFacts(LABELS, "/data/colours");
        }
        String[] parts = text.split(";dataset:");
        return new ModelFacts(List.of(parts[0].substring("labels:".length()).split(",")), parts[1]);
    }

    @Override
    public List<Classified> classify(Path model, List<Path> files, int topK, boolean mirror, JobMonitor monitor) throws Exception {
        classifyCalls++;
        List<Classified> out = new ArrayList<>();
        for (Path f : files) {
            float[] v = features(f);
            if (v == null) {
                out.add(new Classified(Prediction.failed(f, "not an image"), null));
                continue;
            }
            double sum = v[0] + v[1] + v[2] + 1e-6;
            List<LabelScore> scores = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                scores.add(new LabelScore(LABELS.get(c), v[c] / sum));
            }
            scores.sort(Comparator.comparingDouble(LabelScore::probability).reversed());
            out.add(new Classified(new Prediction(f, scores.subList(0, Math.min(topK, 3)), null), v));
        }
        return out;
    }

    @Override
    public DatasetMap map(Path dataset, Path model, JobMonitor monitor) throws Exception {
        // A file reading "damaged" has readable facts but no loadable networks, as a bundle with a flipped byte.
        if (model != null && java.nio.file.Files.readString(model).strip().equals("damaged")) {
            throw new dev.loupe.engine.model.ModelFormatException(model + " is damaged: scaler.json is unreadable. "
                    + "Train the model again or use another copy.");
        }
        FeatureSet set = featureSet(dataset);
        // The studio's own t-SNE length: cut to 100 iterations, a map of 21 points is not converged (the classes'
        // mean spread was 0.5-0.95 of their distance apart, against 0.15 at 500), so lassos caught other classes.
        return EmbeddingService.map(set, TsneConfig.defaults(), monitor);
    }

    private FeatureSet featureSet(Path dataset) throws Exception {
        // With the inbox, as the engine's backend maps it.
        DatasetSnapshot snapshot = new DatasetScanner().scan(dataset).withInbox();
        List<Sample> samples = new ArrayList<>();
        for (ImageEntry e : snapshot.images()) {
            samples.add(new Sample(e, e.relativePath(), features(e.file())));
        }
        return new FeatureSet("fake", samples, List.of(), 0, samples.size());
    }

    @Override
    public DatasetMap updateMap(DatasetMap map, Path dataset, JobMonitor monitor) throws Exception {
        return MapUpdate.apply(map, featureSet(dataset), monitor);
    }

    static float[] features(Path file) throws Exception {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            return null;
        }
        float[] v = new float[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                v[0] += (rgb >> 16) & 255;
                v[1] += (rgb >> 8) & 255;
                v[2] += rgb & 255;
            }
        }
        int n = img.getWidth() * img.getHeight();
        for (int c = 0; c < 3; c++) {
            v[c] /= 255f * n;
        }
        return v;
    }
}
