package dev.loupe.engine.workflow;

import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.features.Sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Which classes a model learns: the dataset's classes that have at least one usable image. */
final class TrainingLabels {

    private TrainingLabels() {
    }

    static List<String> choose(DatasetSnapshot dataset, List<Sample> samples, List<String> warnings) {
        Set<String> present = samples.stream().map(s -> s.image().label()).collect(Collectors.toSet());
        List<String> labels = dataset.classes().stream().filter(present::contains).toList();
        for (String c : dataset.classes()) {
            if (!present.contains(c)) {
                warnings.add("Class '" + c + "' has no usable image and is left out of the model: add images to "
                        + "its folder");
            }
        }
        Map<String, Integer> counts = countPerClass(samples, labels);
        counts.forEach((label, n) -> {
            if (n == 1) {
                warnings.add("Class '" + label + "' has a single image: the model cannot learn it well; add more");
            }
        });
        if (labels.size() < 2) {
            throw new IllegalArgumentException("Training needs at least two classes with images; " + dataset.root()
                    + " has " + (labels.isEmpty() ? "none" : "only '" + labels.get(0) + "'")
                    + ". Make one sub-folder per class and put images in them.");
        }
        return labels;
    }

    static Map<String, Integer> countPerClass(List<Sample> samples, List<String> labels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        labels.forEach(l -> counts.put(l, 0));
        samples.forEach(s -> counts.computeIfPresent(s.image().label(), (k, v) -> v + 1));
        return counts;
    }
}
