package dev.loupe.ui.train;

import dev.loupe.engine.runs.RunRecord;
import dev.loupe.engine.training.TrainingConfig;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Names a run by what sets it apart from the dataset's other runs ("12 augmentations · hidden 0"), so a list of runs
 * reads as the experiments they were rather than as dates. With nothing apart, the backbone names it.
 */
final class RunNames {

    /** A setting: how to read it from a config, and how to say its value. */
    private record Setting(Function<TrainingConfig, Object> read, Function<Object, String> say) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting(TrainingConfig::epochs, v -> "max " + v + " epochs"),
            new Setting(TrainingConfig::augmentations, v -> (Integer) v == TrainingConfig.AUTO_AUGMENTATIONS
                    ? "auto augmentations" : v + " augmentations"),
            new Setting(TrainingConfig::hiddenUnits, v -> "hidden " + v),
            new Setting(TrainingConfig::learningRate, v -> "learning rate " + plain(v)),
            new Setting(TrainingConfig::dropout, v -> "dropout " + plain(v)),
            new Setting(TrainingConfig::validationPercent, v -> "validation " + plain(v) + " %"),
            new Setting(TrainingConfig::classWeights, v -> (Boolean) v ? "balanced" : "unbalanced"),
            new Setting(TrainingConfig::seed, v -> "seed " + v));

    private RunNames() {
    }

    static String of(RunRecord run, List<RunRecord> all, Function<String, String> backboneName) {
        List<String> parts = new ArrayList<>();
        if (differs(all, c -> c.backbone())) {
            parts.add(backboneName.apply(run.config().backbone()));
        }
        for (Setting s : SETTINGS) {
            if (differs(all, s.read())) {
                parts.add(s.say().apply(s.read().apply(run.config())));
            }
        }
        return parts.isEmpty() ? backboneName.apply(run.config().backbone()) : String.join(" · ", parts);
    }

    private static boolean differs(List<RunRecord> all, Function<TrainingConfig, Object> read) {
        return all.stream().map(r -> read.apply(r.config())).distinct().count() > 1;
    }

    private static String plain(Object number) {
        return BigDecimal.valueOf(((Number) number).doubleValue()).stripTrailingZeros().toPlainString();
    }
}
