package dev.loupe.engine.inbox;

import dev.loupe.engine.backbone.BackboneRegistry;
import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.embedding.CosineIndex;
import dev.loupe.engine.embedding.Familiarity;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.features.ExtractorFactory;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.inference.ModelFeatures;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Vectors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model's suggestions for inbox photos, and its record on the validation photos it was not trained on.
 * Its head reads the features the model's own backbone gives: the catalogue's for a stock model; for a fine-tuned one,
 * those of its tuned backbone, by content hash ({@link ModelFeatures}). Neighbours and familiarity keep the catalogue's
 * stock features either way: they compare photos with the catalogue, not with what the head sees.
 */
final class Suggester {

    private final ModelBundle model;
    /** Content hash to the tuned backbone's features; null when the head reads the catalogue's features. */
    private final Map<String, float[]> own;

    private Suggester(ModelBundle model, Map<String, float[]> own) {
        this.model = model;
        this.own = own;
    }

    /**
     * The suggester for {@code model} (its bundle at {@code file}) on these photos. A fine-tuned model's backbone runs
     * once on the inbox photos and the validation photos, nothing else; a photo it cannot read gets a warning and is
     * left out of the suggestions and the calibration. A stock model runs no backbone here.
     */
    static Suggester of(ModelBundle model, Path file, List<Sample> inbox, List<Sample> labelled,
                        BackboneRegistry backbones, ExtractorFactory extractors, JobMonitor monitor,
                        List<String> warnings) throws Exception {
        if (model.patch() == null) {
            return new Suggester(model, null);
        }
        Map<String, Sample> byHash = new LinkedHashMap<>();
        inbox.forEach(s -> byHash.putIfAbsent(s.hash(), s));
        validation(model, labelled).forEach(s -> byHash.putIfAbsent(s.hash(), s));
        Map<String, float[]> own = new HashMap<>();
        for (Sample s : ModelFeatures.of(model, file, List.copyOf(byHash.values()), backbones, extractors, monitor)) {
            own.put(s.hash(), s.features());
        }
        byHash.values().stream().filter(s -> !own.containsKey(s.hash())).forEach(s -> warnings.add(
                s.image().relativePath() + ": the model's fine-tuned backbone could not read it (changed since it "
                        + "was scanned?), so it is left out of the suggestions"));
        return new Suggester(model, own);
    }

    /** What the head reads for {@code s}; null when the tuned backbone could not read it. */
    private float[] input(Sample s) {
        return own == null ? s.features() : own.get(s.hash());
    }

    /**
     * The inbox photos with their suggestions ({@code suggester} may be null) and their out-of-distribution flag:
     * the nearest labelled photo judged by the {@link Familiarity} rule learnt from the labelled photos themselves.
     */
    static List<InboxPhoto> photos(List<Sample> inbox, List<Sample> labelled, Suggester suggester) {
        float[][] known = labelled.stream().map(Sample::features).toArray(float[][]::new);
        CosineIndex index = CosineIndex.forManyQueries(known);
        Familiarity familiarity = Familiarity.learn(known, index, TrainingConfig.DEFAULT_SEED);
        List<Sample> shown = suggester == null ? inbox
                : inbox.stream().filter(s -> suggester.input(s) != null).toList();
        float[][] p = suggester == null ? null
                : suggester.model.probabilities(shown.stream().map(suggester::input).toArray(float[][]::new));
        List<InboxPhoto> out = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Sample s = shown.get(i);
            List<Neighbour> nearest = known.length == 0 ? List.of() : index.nearest(s.features(), 1);
            float similarity = nearest.isEmpty() ? Float.NaN : nearest.get(0).similarity();
            Suggestion suggestion = p == null ? null : Suggestion.of(p[i], suggester.model.labels());
            out.add(new InboxPhoto(s.image().relativePath(), s.image().file(), s.hash(), s.features(), suggestion,
                    similarity, !nearest.isEmpty() && !familiarity.familiar(similarity)));
        }
        return out;
    }

    /**
     * The model's top confidence and correctness on each labelled photo of the validation split it was trained with
     * (the run's validation share; photos of classes it does not know are left out).
     */
    Calibration calibration(List<Sample> labelled) {
        Map<String, Integer> index = labelIndex(model);
        List<Sample> validation = validation(model, labelled).stream().filter(s -> input(s) != null).toList();
        float[][] p = model.probabilities(validation.stream().map(this::input).toArray(float[][]::new));
        float[] confidence = new float[p.length];
        boolean[] correct = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            int top = Vectors.argmax(p[i]);
            confidence[i] = p[i][top];
            correct[i] = top == index.get(validation.get(i).image().label());
        }
        return new Calibration(confidence, correct);
    }

    /** The labelled photos of classes the model knows on the validation side of the split it was trained with. */
    private static List<Sample> validation(ModelBundle model, List<Sample> labelled) {
        var provenance = model.manifest().provenance();
        double percent = provenance != null && provenance.config() != null
                ? provenance.config().validationPercent() : TrainingConfig.DEFAULT_VALIDATION_PERCENT;
        Map<String, Integer> index = labelIndex(model);
        return labelled.stream().filter(s -> index.containsKey(s.image().label())
                && DatasetSplit.isValidation(s.hash(), percent)).toList();
    }

    private static Map<String, Integer> labelIndex(ModelBundle model) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < model.labels().size(); i++) {
            index.put(model.labels().get(i), i);
        }
        return index;
    }
}
