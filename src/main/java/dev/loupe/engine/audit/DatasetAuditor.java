package dev.loupe.engine.audit;

import dev.loupe.engine.catalogue.Catalogue;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.dataset.LeftOut;
import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.explain.Shortcut;
import dev.loupe.engine.explain.ShortcutCheck;
import dev.loupe.engine.features.ContentHashes;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.features.ImageProblem;
import dev.loupe.engine.image.ImageDecodeException;
import dev.loupe.engine.image.ImageDecoder;
import dev.loupe.engine.image.ImageProbe;
import dev.loupe.engine.jobs.JobMonitor;
import dev.loupe.engine.util.Hashes;
import dev.loupe.engine.files.ReadFailure;

import java.awt.Dimension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks every image (hash, header, and a decode of those never decoded before) and reports what is wrong; see the
 * package description. The checks that need a backbone run only when given a {@link FeatureSet}, so an audit without
 * one stays fast.
 */
public final class DatasetAuditor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DatasetAuditor.class);

    /** Images with a shorter side are too small to say much after scaling up to a backbone's input. */
    public static final int MIN_SIDE = 32;
    /** Up to this many tiny images are listed one by one; more are one finding. */
    static final int TINY_ONE_BY_ONE = 5;
    /** Largest over smallest class above this skews a classifier towards the big class. */
    public static final double MAX_IMBALANCE = 3.0;

    private final FeatureChecks featureChecks;

    public DatasetAuditor() {
        this(FeatureChecks.standard());
    }

    /** With other thresholds for the feature-based pass, e.g. for a backbone whose similarities run higher. */
    public DatasetAuditor(FeatureChecks featureChecks) {
        this.featureChecks = featureChecks;
    }

    /** The fast checks only: no backbone needed. */
    public AuditReport audit(DatasetSnapshot snapshot, JobMonitor monitor) {
        return audit(snapshot, null, monitor);
    }

    /**
     * The fast checks, plus the feature-based ones when {@code features} (of this snapshot) is given. Hashes come
     * from the catalogue's cache (a file is read only if its size or time changed), sizes from the image header, and
     * only images never decoded before (none of their content's features are cached) are decoded whole, to find those
     * that are cut short or corrupt. So an audit after training reads headers only.
     */
    public AuditReport audit(DatasetSnapshot snapshot, FeatureSet features, JobMonitor monitor) {
        List<AuditFinding> findings = new ArrayList<>();
        List<ImageProblem> problems = new ArrayList<>();
        Map<String, String> hashes;
        Set<String> decodedBefore;
        monitor.stage("Hashing images");
        try (Catalogue catalogue = Catalogue.open(snapshot.root())) {
            catalogue.notice().ifPresent(monitor::warning);
            hashes = ContentHashes.of(snapshot.images(), catalogue.fileHashes(), monitor, problems);
            decodedBefore = catalogue.features().decodedBefore(hashes.values());
        } catch (IOException e) {
            // The cache is only a cache: without it every image is read in full, as it was before there was one.
            LOG.warn("Auditing without the catalogue ({}): every image is read in full", e.getMessage());
            hashes = hashWithoutCache(snapshot.images(), problems, monitor);
            decodedBefore = Set.of();
        }
        problems.forEach(p -> findings.add(new AuditFinding(AuditFinding.Kind.UNREADABLE,
                List.of(p.relativePath().substring(0, Math.max(0, p.relativePath().indexOf('/')))),
                List.of(p.relativePath()), p.toString())));
        Map<String, List<ImageEntry>> byHash = new LinkedHashMap<>();
        monitor.stage("Checking images");
        int done = 0;
        int decoded = 0;
        for (ImageEntry image : snapshot.images()) {
            monitor.checkCancelled();
            String hash = hashes.get(image.relativePath());
            if (hash != null) {
                byHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(image);
                boolean before = decodedBefore.contains(hash);
                decoded += before ? 0 : 1;
                check(image, before, findings);
            }
            monitor.progress(++done, snapshot.images().size());
        }
        for (DatasetSnapshot.Unreadable folder : snapshot.unreadable()) {
            findings.add(new AuditFinding(AuditFinding.Kind.UNREADABLE, List.of(folder.relativePath()), List.of(),
                    folder.toString()));
        }
        for (String note : LeftOut.sentences(snapshot.leftOut())) {
            findings.add(new AuditFinding(AuditFinding.Kind.LEFT_OUT, List.of(), List.of(), note));
        }
        groupTiny(findings);
        duplicates(byHash, findings);
        classes(snapshot, findings);
        if (features != null) {
            monitor.stage("Comparing features");
            findings.addAll(featureChecks.check(features, monitor));
        }
        findings.sort(Comparator.comparing(AuditFinding::kind));
        return new AuditReport(snapshot.classes().size(), snapshot.images().size(), decoded, findings);
    }

    /** Unreadable (header, or whole when never decoded before) or tiny (by its header's size). */
    private static void check(ImageEntry image, boolean decodedBefore, List<AuditFinding> findings) {
        try {
            Dimension size = ImageProbe.readSize(image.file());
            if (!decodedBefore) {
                ImageDecoder.decode(image.file(), MIN_SIDE);
            }
            if (Math.min(size.width, size.height) < MIN_SIDE) {
                findings.add(new AuditFinding(AuditFinding.Kind.TINY_IMAGE, List.of(image.label()),
                        List.of(image.relativePath()), image.relativePath() + " is only " + size.width + "×"
                        + size.height + " px (under " + MIN_SIDE + " px)"));
            }
        } catch (ImageDecodeException e) {
            findings.add(new AuditFinding(AuditFinding.Kind.UNREADABLE, List.of(image.label()),
                    List.of(image.relativePath()), image.relativePath() + ": " + e.reason()));
        }
    }

    /** A dataset of small images (28×28 Fashion-MNIST) is one finding, not thousands of rows (the CLI's too). */
    static void groupTiny(List<AuditFinding> findings) {
        List<AuditFinding> tiny = findings.stream().filter(f -> f.kind() == AuditFinding.Kind.TINY_IMAGE).toList();
        if (tiny.size() <= TINY_ONE_BY_ONE) {
            return;
        }
        findings.removeAll(tiny);
        TreeSet<String> classes = new TreeSet<>();
        List<String> images = new ArrayList<>();
        tiny.forEach(f -> {
            classes.addAll(f.classes());
            images.addAll(f.images());
        });
        String example = tiny.get(0).message().replace(" is only ", " is ").replaceFirst(" \\(under .*", "");
        findings.add(new AuditFinding(AuditFinding.Kind.TINY_IMAGE, List.copyOf(classes), images,
                String.format(java.util.Locale.ROOT, "%,d images are under %d px (e.g. %s): the backbone sees them "
                        + "enlarged, which is fine if all your photos are this small", images.size(), MIN_SIDE,
                        example)));
    }

    private static Map<String, String> hashWithoutCache(List<ImageEntry> images, List<ImageProblem> problems,
                                                        JobMonitor monitor) {
        Map<String, String> out = new HashMap<>();
        for (ImageEntry image : images) {
            monitor.checkCancelled();
            try {
                out.put(image.relativePath(), Hashes.sha256(image.file()));
            } catch (IOException e) {
                problems.add(new ImageProblem(image.relativePath(), ReadFailure.describe(e, false)));
            }
        }
        return out;
    }

    /**
     * The report with the shortcuts a trained model's heat maps show ({@link ShortcutCheck}) added in their place
     * among the findings.
     */
    public static AuditReport withShortcuts(AuditReport report, List<Shortcut> shortcuts) {
        List<AuditFinding> findings = new ArrayList<>(report.findings());
        shortcuts.forEach(s -> findings.add(AuditFinding.shortcut(s)));
        findings.sort(Comparator.comparing(AuditFinding::kind));
        return new AuditReport(report.classCount(), report.imageCount(), report.decoded(), findings);
    }

    private static void duplicates(Map<String, List<ImageEntry>> byHash, List<AuditFinding> findings) {
        for (List<ImageEntry> group : byHash.values()) {
            if (group.size() < 2) {
                continue;
            }
            TreeSet<String> labels = new TreeSet<>();
            group.forEach(i -> labels.add(i.label()));
            List<String> paths = group.stream().map(ImageEntry::relativePath).toList();
            String where = labels.size() > 1 ? " in different classes (" + String.join(", ", labels) + ")" : "";
            findings.add(new AuditFinding(AuditFinding.Kind.DUPLICATE, List.copyOf(labels), paths,
                    group.size() + " identical files" + where + ": " + String.join(", ", paths)));
        }
    }

    private static void classes(DatasetSnapshot snapshot, List<AuditFinding> findings) {
        Map<String, Integer> counts = snapshot.countsPerClass();
        counts.forEach((cls, n) -> {
            if (n == 0) {
                findings.add(new AuditFinding(AuditFinding.Kind.EMPTY_CLASS, List.of(cls), List.of(),
                        "Class " + cls + " has no images"));
            } else if (n == 1) {
                findings.add(new AuditFinding(AuditFinding.Kind.SINGLE_IMAGE_CLASS, List.of(cls), List.of(),
                        "Class " + cls + " has a single image; a classifier needs several per class"));
            }
        });
        List<Map.Entry<String, Integer>> nonEmpty = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByValue()).toList();
        if (nonEmpty.size() >= 2) {
            Map.Entry<String, Integer> small = nonEmpty.get(0);
            Map.Entry<String, Integer> large = nonEmpty.get(nonEmpty.size() - 1);
            double ratio = (double) large.getValue() / small.getValue();
            if (ratio > MAX_IMBALANCE) {
                findings.add(new AuditFinding(AuditFinding.Kind.IMBALANCE, List.of(large.getKey(), small.getKey()),
                        List.of(), String.format(java.util.Locale.ROOT,
                        "Classes are imbalanced: %s has %d images, %s only %d (%.1f×)", large.getKey(),
                        large.getValue(), small.getKey(), small.getValue(), ratio)));
            }
        }
    }
}
