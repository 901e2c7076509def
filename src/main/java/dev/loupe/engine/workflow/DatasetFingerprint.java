package dev.loupe.engine.workflow;

import dev.loupe.engine.features.Sample;
import dev.loupe.engine.util.Hashes;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** One hash for the exact set of (path, label, content) a model was trained on. */
final class DatasetFingerprint {

    private DatasetFingerprint() {
    }

    static String of(List<Sample> samples) {
        return Hashes.sha256(samples.stream()
                .sorted(Comparator.comparing(s -> s.image().relativePath()))
                .map(s -> s.image().relativePath() + "\t" + s.image().label() + "\t" + s.hash())
                .collect(Collectors.joining("\n")));
    }
}
