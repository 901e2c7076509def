package dev.loupe.engine.audit;

import dev.loupe.engine.dataset.DatasetSplit;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.audit.NearestNeighbours.Content;
import dev.loupe.engine.embedding.Neighbour;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.Sample;
import dev.loupe.engine.jobs.JobMonitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The checks that need a backbone's features: near-duplicates, near-duplicates split across training and validation
 * (leakage), and images whose nearest neighbours mostly carry another label (likely mislabels). Exact duplicates
 * share one row (see {@link NearestNeighbours}), so they are never reported again here.
 *
 * @param nearDuplicate     cosine similarity from which two different files count as the same picture
 * @param neighbours        how many nearest neighbours vote on an image's label
 * @param mislabelShare     the share of those neighbours, all of one other class, that flags the image
 * @param validationPercent the split to check for leakage, as training uses it
 */
public record FeatureChecks(double nearDuplicate, int neighbours, double mislabelShare, double validationPercent) {

    /** Measured on the flowers sample with the default backbone: see docs/audit.md for all four values. */
    public static final double NEAR_DUPLICATE = 0.95;
    public static final int NEIGHBOURS = 10;
    public static final double MISLABEL_SHARE = 0.7;
    public static final double VALIDATION_PERCENT = 20;

    public static FeatureChecks standard() {
        return new FeatureChecks(NEAR_DUPLICATE, NEIGHBOURS, MISLABEL_SHARE, VALIDATION_PERCENT);
    }

    /** The findings; {@code monitor} sees the neighbour index being built for a big dataset, and can cancel it. */
    public List<AuditFinding> check(FeatureSet features, JobMonitor monitor) {
        NearestNeighbours nn = NearestNeighbours.of(features.samples(), neighbours, monitor);
        List<AuditFinding> findings = new ArrayList<>();
        for (List<Content> group : nearDuplicateGroups(nn)) {
            nearDuplicate(group, findings);
            leakage(group, findings);
        }
        for (int i = 0; i < nn.contents.size(); i++) {
            mislabel(nn.contents.get(i), nn, nn.neighbours.get(i), findings);
        }
        return findings;
    }

    /** Connected groups of contents joined by a similarity at or above the threshold, each in dataset order. */
    private List<List<Content>> nearDuplicateGroups(NearestNeighbours nn) {
        int[] parent = new int[nn.contents.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < parent.length; i++) {
            for (Neighbour n : nn.neighbours.get(i)) {
                if (n.similarity() >= nearDuplicate) {
                    parent[root(parent, i)] = root(parent, n.index());
                }
            }
        }
        Map<Integer, List<Content>> groups = new LinkedHashMap<>();
        for (int i = 0; i < parent.length; i++) {
            groups.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(nn.contents.get(i));
        }
        return groups.values().stream().filter(g -> g.size() > 1).toList();
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void nearDuplicate(List<Content> group, List<AuditFinding> findings) {
        TreeSet<String> labels = new TreeSet<>();
        List<String> paths = paths(group);
        group.forEach(c -> c.samples().forEach(s -> labels.add(s.image().label())));
        String where = labels.size() > 1 ? " in different classes (" + String.join(", ", labels) + ")" : "";
        findings.add(new AuditFinding(AuditFinding.Kind.NEAR_DUPLICATE, List.copyOf(labels), paths,
                String.format(Locale.ROOT, "%d near-identical images (similarity ≥ %.2f)%s: %s", group.size(),
                        nearDuplicate, where, String.join(", ", paths))));
    }

    /** Exact copies always land on the same side (the split is keyed on content); near-copies need not. */
    private void leakage(List<Content> group, List<AuditFinding> findings) {
        List<Content> validation = group.stream()
                .filter(c -> DatasetSplit.isValidation(c.hash(), validationPercent)).toList();
        if (validation.isEmpty() || validation.size() == group.size()) {
            return;
        }
        List<Content> training = group.stream().filter(c -> !validation.contains(c)).toList();
        TreeSet<String> labels = new TreeSet<>();
        group.forEach(c -> labels.add(c.label()));
        findings.add(new AuditFinding(AuditFinding.Kind.LEAKAGE, List.copyOf(labels), paths(group),
                "Near-identical images on both sides of the validation split, so validation accuracy flatters: "
                        + "validation " + String.join(", ", paths(validation))
                        + "; training " + String.join(", ", paths(training))));
    }

    /** Flags the content when one other class holds at least {@code mislabelShare} of its nearest neighbours. */
    private void mislabel(Content content, NearestNeighbours nn, List<Neighbour> near,
                          List<AuditFinding> findings) {
        if (near.size() < Math.min(neighbours, 3)) {
            return;
        }
        Map<String, Integer> votes = new HashMap<>();
        near.forEach(n -> votes.merge(nn.contents.get(n.index()).label(), 1, Integer::sum));
        String own = content.label();
        votes.entrySet().stream().filter(e -> !e.getKey().equals(own))
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .filter(e -> (double) e.getValue() / near.size() >= mislabelShare)
                .ifPresent(e -> findings.add(new AuditFinding(AuditFinding.Kind.LIKELY_MISLABEL,
                        List.of(own, e.getKey()), paths(List.of(content)), String.format(Locale.ROOT,
                        "%s looks like %s: %d of its %d nearest images are %s (%.0f%%)",
                        paths(List.of(content)).get(0), e.getKey(), e.getValue(), near.size(), e.getKey(),
                        100.0 * e.getValue() / near.size()))));
    }

    private static List<String> paths(List<Content> contents) {
        return contents.stream().flatMap(c -> c.samples().stream()).map(Sample::image)
                .map(ImageEntry::relativePath).toList();
    }
}
