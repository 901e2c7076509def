package dev.loupe.engine.features.cluster;

import java.util.List;
import java.util.Map;

/**
 * What {@code loupe features import} did.
 *
 * @param rows         rows in the table
 * @param imported     vectors stored in the catalogue (images of this dataset)
 * @param notInDataset rows whose content is no image of this dataset (other photos, or edited since)
 * @param failed       files the cluster could not use (their reasons are in the table)
 * @param refused      rows not imported because they do not fit this Loupe; {@code reasons} says why
 * @param reasons      each distinct reason for refusing rows, with how many
 * @param stillMissing per imported backbone, the dataset's images that still have no features for it (they are
 *                     extracted on this machine when needed)
 */
public record ImportResult(long rows, long imported, long notInDataset, long failed, long refused,
                           Map<String, Long> reasons, Map<String, Integer> stillMissing) {

    public ImportResult {
        reasons = Map.copyOf(reasons);
        stillMissing = Map.copyOf(stillMissing);
    }

    /** One line per fact, for the command line and the studio. */
    public List<String> lines() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(imported + " features imported (" + rows + " rows; " + notInDataset + " of other photos, " + failed
                + " unreadable on the cluster, " + refused + " refused)");
        reasons.forEach((reason, n) -> out.add("Refused " + n + ": " + reason));
        stillMissing.forEach((backbone, n) -> out.add(n == 0 ? "Every image of the dataset has " + backbone
                + " features now" : n + " images of the dataset still lack " + backbone
                + " features; they are extracted here when needed"));
        return out;
    }
}
