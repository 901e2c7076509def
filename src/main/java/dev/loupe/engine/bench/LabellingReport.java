package dev.loupe.engine.bench;

import java.util.List;

/**
 * What the active-learning benchmark found, per dataset ({@link LabellingBench}).
 *
 * @param datasets one result per dataset, in the order given
 */
public record LabellingReport(List<DatasetResult> datasets, double seconds) {

    /**
     * @param fullAccuracy test accuracy with the whole pool labelled (mean over seeds)
     * @param target       95% of it: the accuracy a strategy must reach
     */
    public record DatasetResult(String name, int pool, int test, int classes, int seeds, int startPerClass,
                                int maxLabels, double fullAccuracy, double target, List<StrategyResult> strategies) {
    }

    /**
     * @param labels         the label counts the curve was measured at
     * @param meanAccuracy   test accuracy at each, mean over seeds
     * @param labelsToTarget per seed, the labels needed to reach the target (linear between measured points); NaN
     *                       when the budget ran out first
     * @param meanToTarget   their mean (NaN if any seed did not reach it)
     * @param ratioToRandom  {@code meanToTarget} over random order's
     * @param seedAccuracy   each seed's test accuracy at each label count
     */
    public record StrategyResult(String strategy, int[] labels, double[] meanAccuracy, double[] labelsToTarget,
                                 double meanToTarget, double ratioToRandom, double[][] seedAccuracy) {
    }
}
