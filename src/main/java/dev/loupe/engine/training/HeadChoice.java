package dev.loupe.engine.training;

import java.util.Comparator;
import java.util.List;

/**
 * What {@link HeadSearch} chose and why: the setting, how settings were scored, every setting tried with its score.
 *
 * @param method        how the settings were scored, e.g. "the validation split (2,000 images)"
 * @param trials        in the order tried; empty when there were too few images to compare settings
 * @param budgetReached the search stopped at its work budget ({@link SearchWork}) before trying every planned setting
 */
public record HeadChoice(HeadSetting chosen, String method, List<HeadTrial> trials, boolean budgetReached) {

    public HeadChoice {
        trials = List.copyOf(trials);
    }

    /** The trial of the chosen setting, or null when nothing was tried. */
    public HeadTrial best() {
        return trials.stream().filter(t -> t.setting().equals(chosen)).findFirst().orElse(null);
    }

    /** One sentence for the run's details and {@code loupe train}: the choice, its score, the runner-up's. */
    public String reason() {
        HeadTrial best = best();
        if (best == null) {
            return chosen.describe() + ": the defaults, " + method;
        }
        StringBuilder s = new StringBuilder(chosen.describe()).append(String.format(
                ": accuracy %.3f on %s, the best of %d settings tried", best.accuracy(), method, trials.size()));
        trials.stream().filter(t -> t != best).max(Comparator.comparingDouble(HeadTrial::accuracy))
                .ifPresent(t -> s.append(String.format(" (next: %s, %.3f)", t.setting().describe(), t.accuracy())));
        if (budgetReached) {
            s.append("; the search stopped at its budget of training work");
        }
        return s.toString();
    }
}
