package dev.loupe.ui.curate;

import dev.loupe.engine.util.Plurals;
import dev.loupe.engine.dataset.DatasetSnapshot;
import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.audit.AuditReport;
import dev.loupe.engine.audit.DatasetAuditor;
import dev.loupe.engine.features.FeatureSet;
import dev.loupe.engine.jobs.Failures;
import dev.loupe.ui.common.DatasetSession;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executor;

/**
 * The Curate pane's audit, without a Node: runs {@link DatasetAuditor} (plus the feature pass when
 * {@link AuditFeatures} gives features) as one job, lists the findings, and shows a chosen finding's images in the
 * grid by filtering {@link CurateViewModel} to them, so the ordinary move and delete fix them in place.
 */
public final class AuditViewModel {

    /** What one run found, and whether the feature pass ran. */
    record Result(AuditReport report, boolean withFeatures) {
    }

    private final CurateViewModel curate;
    private final DatasetSession session;
    private final Executor fx;
    private final AuditFeatures features;
    private final ObservableList<AuditFinding> findings = FXCollections.observableArrayList();
    private final ObjectProperty<AuditFinding> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ran = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    /** The scan the listed findings were computed from; null before the first audit. */
    private DatasetSnapshot audited;

    /** The audit runs on the studio's compute queue (the status bar shows it; extraction must not run twice at once). */
    AuditViewModel(CurateViewModel curate, DatasetSession session, AuditFeatures features) {
        this.curate = curate;
        this.session = session;
        this.fx = session.fx();
        this.features = features;
        selected.addListener((o, was, now) -> show(now));
        // A finding's filter ends when the user picks a class or clears it; the list selection follows.
        curate.filterProperty().addListener((o, was, now) -> {
            if (now == null) {
                selected.set(null);
            }
        });
        curate.snapshotProperty().addListener((o, was, now) -> {
            if (now == null || was != null && !now.root().equals(was.root())) {
                reset();
            } else if (audited != null) {
                stale.set(changed(audited, now));
            }
        });
    }

    /** Audits the dataset as last scanned; does nothing while an audit runs or before the first scan. */
    public void run() {
        DatasetSnapshot s = curate.snapshotProperty().get();
        if (s == null || running.get()) {
            return;
        }
        running.set(true);
        summary.set("Auditing " + Plurals.of(s.images().size(), "image") + "…");
        session.compute("Audit dataset", m -> {
            FeatureSet set = features.compute(s, m);
            return new Result(new DatasetAuditor().audit(s, set, m), set != null);
        }).result().whenComplete((r, failure) -> fx.execute(() -> {
            running.set(false);
            if (failure != null) {
                summary.set("Audit failed: " + Failures.describe(failure));
                return;
            }
            selected.set(null);
            findings.setAll(r.report().findings());
            audited = s;
            // The user may have edited while it ran.
            stale.set(changed(s, curate.snapshotProperty().get()));
            ran.set(true);
            summary.set(summarise(r.report(), r.withFeatures()));
        }));
    }

    /**
     * Filters the grid to the finding's images that are still there (none may be: the grid then says so), or selects
     * its class if that still exists.
     */
    private void show(AuditFinding f) {
        if (f == null) {
            return;
        }
        if (!f.images().isEmpty()) {
            curate.showOnly(f.images(), label(f.kind()));
        } else if (!f.classes().isEmpty()) {
            curate.clearFilter();
            String c = f.classes().get(0);
            DatasetSnapshot now = curate.snapshotProperty().get();
            if (now != null && now.classes().contains(c)) {
                curate.selectedClassProperty().set(c);
            } else {
                curate.say("The class “" + c + "” is no longer in the dataset; run the audit again.");
            }
        }
    }

    /**
     * Whether the images or classes differ from those audited. Compares names only: a file changed in place under
     * the same name goes unnoticed, while an edit that is undone leaves the findings true again.
     */
    private static boolean changed(DatasetSnapshot audited, DatasetSnapshot now) {
        return now != null && (!now.images().equals(audited.images()) || !now.classes().equals(audited.classes()));
    }

    /**
     * For a duplicate finding: keeps its first copy and moves the others to the dataset's trash (one edit; Undo
     * brings them back).
     */
    public void keepOne(AuditFinding f) {
        if (f.kind() != AuditFinding.Kind.DUPLICATE || f.images().size() < 2) {
            return;
        }
        curate.trash(f.images().subList(1, f.images().size()), "Kept " + f.images().get(0) + "; ");
    }

    /** Back to the class's images; the findings stay listed. */
    public void clearSelection() {
        selected.set(null);
        curate.clearFilter();
    }

    private void reset() {
        selected.set(null);
        findings.clear();
        audited = null;
        stale.set(false);
        ran.set(false);
        summary.set("");
    }

    static String summarise(AuditReport report, boolean withFeatures) {
        String scope = withFeatures ? "" : " (fast checks; no backbone for the feature checks)";
        if (report.isClean()) {
            return "No problems found" + scope;
        }
        Map<AuditFinding.Kind, Integer> counts = new EnumMap<>(AuditFinding.Kind.class);
        // Tiny images are one grouped finding on a dataset of small pictures: count the images, not the finding.
        report.findings().forEach(f -> counts.merge(f.kind(),
                f.kind() == AuditFinding.Kind.TINY_IMAGE ? f.images().size() : 1, Integer::sum));
        StringJoiner parts = new StringJoiner(", ");
        counts.forEach((k, n) -> parts.add(count(k, n)));
        int n = report.findings().size();
        return n + (n == 1 ? " problem: " : " problems: ") + parts + scope;
    }

    /** "1 duplicate", "20 likely mislabels", "2 empty classes": a count of findings (of images, for tiny ones). */
    static String count(AuditFinding.Kind kind, int n) {
        return switch (kind) {
            case UNREADABLE -> Plurals.of(n, "unreadable file");
            case LEFT_OUT -> n + " left out";
            case LEAKAGE -> Plurals.of(n, "training/validation leak");
            case EMPTY_CLASS -> Plurals.of(n, "empty class", "empty classes");
            case SINGLE_IMAGE_CLASS -> Plurals.of(n, "single-image class", "single-image classes");
            default -> Plurals.of(n, label(kind));
        };
    }

    /** The kind for people: "duplicate", "likely mislabel". */
    static String label(AuditFinding.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public ObservableList<AuditFinding> findings() { return findings; }

    public ObjectProperty<AuditFinding> selectedProperty() { return selected; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** True once an audit has finished for this dataset (its list may be empty: a clean dataset). */
    public ReadOnlyBooleanProperty ranProperty() { return ran.getReadOnlyProperty(); }

    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }

    /** True when the dataset's images or classes changed since the listed findings were found. */
    public ReadOnlyBooleanProperty staleProperty() { return stale.getReadOnlyProperty(); }
}
