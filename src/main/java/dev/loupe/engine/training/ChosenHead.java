package dev.loupe.engine.training;

import dev.loupe.engine.jobs.JobMonitor;

/**
 * A run's head: trained with the config's settings, or, when the config asks for it, with those {@link HeadSearch}
 * chose. Either way the run's epochs reach the monitor as one run's curves.
 *
 * @param config the settings the head was trained with (the chosen ones after a search)
 * @param choice what the search chose and why; null when the settings were given
 */
public record ChosenHead(TrainedHead head, TrainingConfig config, HeadChoice choice) {

    /** @param rows the training photos and their augmented variants, all trained on */
    public static ChosenHead train(TrainingRows rows, LabelledFeatures validation, int classes, TrainingConfig config,
                                   JobMonitor monitor) {
        LabelledFeatures train = rows.all();
        if (!config.autoHead() || train.isEmpty()) {
            return new ChosenHead(new HeadTrainer().train(train, validation, classes, config, monitor), config, null);
        }
        HeadSearch.Result r = HeadSearch.ofTrainings(HeadSearch.DEFAULT_TRAININGS)
                .search(rows, validation, classes, config, monitor);
        TrainingConfig chosen = config.withHead(r.choice().chosen(), true);
        if (!r.choice().variants()) {
            // The photos alone scored better than with their variants (or there were none): train as they were scored.
            train = rows.photos();
            chosen = chosen.withAugmentations(0);
        }
        TrainedHead head = r.head();
        if (head == null) {
            head = new HeadTrainer().train(train, validation, classes, chosen, monitor);
        } else {
            // The search already trained this head as the final run would (same data, settings and seed).
            monitor.stage(chosen.head().fittedByLbfgs() ? HeadSetting.LBFGS_STAGE : "Training");
            for (EpochMetrics m : head.history()) {
                monitor.partial(m);
            }
        }
        return new ChosenHead(head, chosen, r.choice());
    }
}
