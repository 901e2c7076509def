package dev.loupe.engine.workflow;

import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.training.LabelledFeatures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples divided into training and validation by content hash. A class whose images all fell into validation
 * gives its lowest-hash image to training, so every class the model knows was seen in training.
 */
record SplitFeatures(List<Sample> train, List<Sample> validation) {

    static SplitFeatures of(List<Sample> samples, double validationPercent) {
        List<Sample> train = new ArrayList<>();
        List<Sample> validation = new ArrayList<>();
        for (Sample s : samples) {
            (DatasetSplit.isValidation(s.hash(), validationPercent) ? validation : train).add(s);
        }
        Map<String, Sample> firstValidationByClass = new HashMap<>();
        validation.stream().sorted(Comparator.comparing(Sample::hash))
                .forEach(s -> firstValidationByClass.putIfAbsent(s.image().label(), s));
        for (Map.Entry<String, Sample> e : firstValidationByClass.entrySet()) {
            if (train.stream().noneMatch(s -> s.image().label().equals(e.getKey()))) {
                validation.remove(e.getValue());
                train.add(e.getValue());
            }
        }
        return new SplitFeatures(train, validation);
    }

    static LabelledFeatures labelled(List<Sample> samples, List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        float[][] x = new float[samples.size()][];
        int[] y = new int[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            x[i] = samples.get(i).features();
            y[i] = index.get(samples.get(i).image().label());
        }
        return new LabelledFeatures(x, y);
    }
}
