package dev.loupe.engine.training;

import dev.loupe.engine.jobs.Partial;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link HeadSearch} chose and why: the setting, how settings were scored, every setting tried with its score.
 *
 * @param method        how the settings were scored, e.g. "the validation split (2,000 images)"
 * @param trials        in the order tried; empty when there were too few images to compare settings
 * @param budgetReached the search stopped at its work budget ({@link SearchWork}) before trying every planned setting
 * @param variants      the head trains with the photos' augmented variants (false: the photos alone, either because
 *                      there were none or because the photos alone scored better, {@link HeadSearch})
 *
 * A {@link Partial} too: a fine-tuning run reports it once chosen, before its first epoch, and its record keeps it,
 * so that a resume of the run goes on with it instead of searching again.
 */
public record HeadChoice(HeadSetting chosen, String method, List<HeadTrial> trials, boolean budgetReached,
                         boolean variants) implements Partial {

    /** A hidden layer wider than any the search reaches from any setting the studio offers: refused when read. */
    static final int MAX_HIDDEN = 16_384;

    public HeadChoice {
        trials = List.copyOf(trials);
    }

    /** A choice among trials on the photos alone. */
    public HeadChoice(HeadSetting chosen, String method, List<HeadTrial> trials, boolean budgetReached) {
        this(chosen, method, trials, budgetReached, false);
    }

    /**
     * Why a choice read back from a run's record cannot be trained with (as the rest of a sentence: "it …"), empty
     * when it can: a record is untrusted input, and a crafted one must not train a head of any size. A choice the
     * search made names a setting it tried; one made without trials is the config's own.
     */
    public Optional<String> whyNotUsable(TrainingConfig config) {
        if (chosen == null || method == null || trials.stream().anyMatch(t -> t == null || t.setting() == null)) {
            return Optional.of("is incomplete");
        }
        HeadSetting s = chosen;
        if (s.hiddenUnits() < 0 || s.hiddenUnits() > MAX_HIDDEN || !(s.dropout() >= 0 && s.dropout() < 1)
                || !(s.l2() >= 0 && s.l2() < Double.POSITIVE_INFINITY)
                || !(s.learningRate() > 0 && s.learningRate() < 1)) {
            return Optional.of("names an impossible setting (" + s.describe() + ")");
        }
        boolean tried = trials.isEmpty() ? chosen.equals(config.head().fitted(config.learningRate()))
                || chosen.equals(config.head())
                : trials.stream().anyMatch(t -> t.setting().equals(chosen) && t.variants() == variants);
        return tried ? Optional.empty()
                : Optional.of("names a setting the search did not try (" + s.describe() + ")");
    }

    /** The trial of the chosen setting (and choice of variants), or null when nothing was tried. */
    public HeadTrial best() {
        return trial(variants);
    }

    /**
     * Whether the head trains with the photos' augmented variants and why: the chosen setting's held-out accuracy
     * with them and on the photos alone, e.g. "augmented variants kept: 0.835 with them, 0.791 without"; empty when
     * no trial used variants.
     */
    public Optional<String> augmentation() {
        HeadTrial with = trial(true);
        HeadTrial without = trial(false);
        if (with == null || without == null) {
            return Optional.empty();
        }
        return Optional.of(String.format("augmented variants %s: %.3f with them, %.3f without",
                variants ? "kept" : "left out", with.accuracy(), without.accuracy()));
    }

    private HeadTrial trial(boolean withVariants) {
        return trials.stream().filter(t -> t.setting().equals(chosen) && t.variants() == withVariants).findFirst()
                .orElse(null);
    }

    /** One sentence for the run's details and {@code loupe train}: the choice, its score, the runner-up's. */
    public String reason() {
        HeadTrial best = best();
        if (best == null) {
            return chosen.describe() + ": the defaults, " + method;
        }
        StringBuilder s = new StringBuilder(best.describe()).append(String.format(
                ": accuracy %.3f on %s, the best of %d settings tried", best.accuracy(), method, trials.size()));
        trials.stream().filter(t -> t != best).max(Comparator.comparingDouble(HeadTrial::accuracy))
                .ifPresent(t -> s.append(String.format(" (next: %s, %.3f)", t.describe(), t.accuracy())));
        augmentation().ifPresent(a -> s.append("; ").append(a));
        if (best.accuracy() == 1) {
            s.append("; it got every held-out image right, so the search stopped there");
        } else if (budgetReached) {
            s.append("; the search stopped at its budget of training work");
        }
        return s.toString();
    }
}
