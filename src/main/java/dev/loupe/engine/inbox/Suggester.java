package dev.loupe.engine.inbox;

import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.embedding.CosineIndex;
import dev.loupe.engine.embedding.Familiarity;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.model.ModelBundle;
import dev.loupe.engine.training.TrainingConfig;
import dev.loupe.engine.util.Vectors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A trained model's suggestions for inbox photos, and its record on the validation photos it was not trained on. */
final class Suggester {

    private final ModelBundle model;

    Suggester(ModelBundle model) {
        this.model = model;
    }

    /**
     * The inbox photos with their suggestions ({@code suggester} may be null) and their out-of-distribution flag:
     * the nearest labelled photo judged by the {@link Familiarity} rule learnt from the labelled photos themselves.
     */
    static List<InboxPhoto> photos(List<Sample> inbox, List<Sample> labelled, Suggester suggester) {
        float[][] known = labelled.stream().map(Sample::features).toArray(float[][]::new);
        CosineIndex index = CosineIndex.forManyQueries(known);
        Familiarity familiarity = Familiarity.learn(known, index, TrainingConfig.DEFAULT_SEED);
        float[][] x = inbox.stream().map(Sample::features).toArray(float[][]::new);
        float[][] p = suggester == null ? null : suggester.model.probabilities(x);
        List<InboxPhoto> out = new ArrayList<>();
        for (int i = 0; i < inbox.size(); i++) {
            Sample s = inbox.get(i);
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
        var provenance = model.manifest().provenance();
        double percent = provenance != null && provenance.config() != null
                ? provenance.config().validationPercent() : TrainingConfig.DEFAULT_VALIDATION_PERCENT;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < model.labels().size(); i++) {
            index.put(model.labels().get(i), i);
        }
        List<Sample> validation = labelled.stream().filter(s -> index.containsKey(s.image().label())
                && DatasetSplit.isValidation(s.hash(), percent)).toList();
        float[][] p = model.probabilities(validation.stream().map(Sample::features).toArray(float[][]::new));
        float[] confidence = new float[p.length];
        boolean[] correct = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            int top = Vectors.argmax(p[i]);
            confidence[i] = p[i][top];
            correct[i] = top == index.get(validation.get(i).image().label());
        }
        return new Calibration(confidence, correct);
    }
}
