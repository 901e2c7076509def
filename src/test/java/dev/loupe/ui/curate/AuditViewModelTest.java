package dev.loupe.ui.curate;

import dev.loupe.engine.dataset.ImageEntry;
import dev.loupe.engine.audit.AuditFinding;
import dev.loupe.engine.audit.AuditReport;
import dev.loupe.engine.dataset.edit.TestImages;
import dev.loupe.ui.common.DatasetSession;
import dev.loupe.ui.common.SessionServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit's state with jobs and "FX" callbacks inline, and a fake feature source: no screen, no backbone. */
class AuditViewModelTest {

    @TempDir
    Path tmp;
    private Path root;
    private DatasetSession session;
    private CurateViewModel vm;
    private AuditViewModel audit;
    private final AtomicInteger featureCalls = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        root = TestImages.smallDataset(tmp.resolve("set"));
        Files.copy(root.resolve("a/1.png"), root.resolve("b/copy.png"));
        session = DatasetSession.open(root, SessionServices.inline());
        vm = new CurateViewModel(session);
        // The fake has no backbone to offer: the audit must still run its fast checks.
        audit = new AuditViewModel(vm, session, (s, m) -> {
            featureCalls.incrementAndGet();
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        session.close();
    }

    @Test
    void findingsArriveAndSelectingOneFiltersTheGridToItsFiles() {
        audit.run();

        assertThat(featureCalls).hasValue(1);
        assertThat(audit.runningProperty().get()).isFalse();
        assertThat(audit.ranProperty().get()).isTrue();
        assertThat(audit.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.DUPLICATE);
            assertThat(f.images()).containsExactlyInAnyOrder("a/1.png", "b/copy.png");
        });
        assertThat(audit.summaryProperty().get()).startsWith("1 problem: 1 duplicate").contains("fast checks");

        audit.selectedProperty().set(audit.findings().get(0));
        assertThat(vm.filterProperty().get()).isNotNull();
        assertThat(names()).containsExactlyInAnyOrder("a/1.png", "b/copy.png");
        assertThat(vm.filterLabelProperty().get()).isEqualTo("duplicate");

        // Fix it in place: delete one copy; the grid keeps the filter and shows what is left.
        vm.click("b/copy.png", false, false);
        vm.deleteSelection();
        assertThat(names()).containsExactly("a/1.png");

        audit.clearSelection();
        assertThat(vm.filterProperty().get()).isNull();
        assertThat(audit.selectedProperty().get()).isNull();
        assertThat(names()).containsExactly("a/1.png", "a/2.png");
    }

    @Test
    void pickingAClassEndsTheFilterAndAClassFindingSelectsItsClass() throws Exception {
        audit.run();
        audit.selectedProperty().set(audit.findings().get(0));
        vm.selectedClassProperty().set("b");
        assertThat(vm.filterProperty().get()).isNull();
        assertThat(audit.selectedProperty().get()).isNull();
        assertThat(names()).containsExactly("b/3.png", "b/copy.png");

        Files.createDirectories(root.resolve("empty"));
        vm.rescan();
        audit.run();
        AuditFinding empty = audit.findings().stream().filter(f -> f.kind() == AuditFinding.Kind.EMPTY_CLASS)
                .findFirst().orElseThrow();
        audit.selectedProperty().set(empty);
        assertThat(vm.selectedClassProperty().get()).isEqualTo("empty");
        assertThat(vm.filterProperty().get()).isNull();
    }

    @Test
    void anEditMarksTheFindingsOutOfDateAndAFindingWhoseFilesMovedStillOpens() {
        audit.run();
        AuditFinding duplicate = audit.findings().get(0);
        assertThat(audit.staleProperty().get()).isFalse();

        // Both copies move to a new class: the finding's paths no longer exist.
        vm.makeClass("c");
        vm.moveImages(java.util.List.of("a/1.png", "b/copy.png"), "c");
        assertThat(root.resolve("c/copy.png")).exists();
        assertThat(audit.staleProperty().get()).isTrue();
        assertThat(audit.findings()).containsExactly(duplicate);

        audit.selectedProperty().set(duplicate);
        assertThat(vm.filterProperty().get()).isNotNull();
        assertThat(vm.images()).isEmpty();
        assertThat(vm.messageProperty().get()).doesNotContain("failed");

        // Undoing both edits puts back exactly what was audited: the findings are true again.
        vm.undo();
        assertThat(audit.staleProperty().get()).isTrue();
        vm.undo();
        assertThat(audit.staleProperty().get()).isFalse();
        assertThat(root.resolve("a/1.png")).exists();
        assertThat(root.resolve("b/copy.png")).exists();

        vm.selectedClassProperty().set("b");
        vm.click("b/copy.png", false, false);
        vm.deleteSelection();
        assertThat(audit.staleProperty().get()).isTrue();
        audit.run();
        assertThat(audit.staleProperty().get()).isFalse();
        assertThat(audit.findings()).extracting(AuditFinding::kind).doesNotContain(AuditFinding.Kind.DUPLICATE);
    }

    @Test
    void aChangeMadeOutsideLoupeMarksTheFindingsOutOfDate() throws Exception {
        audit.run();
        Files.delete(root.resolve("b/copy.png"));
        vm.rescan(); // what the watcher calls when it sees the change
        assertThat(audit.staleProperty().get()).isTrue();
    }

    @Test
    void aClassFindingForAClassDeletedSinceSaysSoInsteadOfSelectingIt() throws Exception {
        Files.createDirectories(root.resolve("empty"));
        vm.rescan();
        audit.run();
        AuditFinding empty = audit.findings().stream().filter(f -> f.kind() == AuditFinding.Kind.EMPTY_CLASS)
                .findFirst().orElseThrow();
        vm.deleteClass("empty");
        assertThat(audit.staleProperty().get()).isTrue();

        audit.selectedProperty().set(empty);
        assertThat(vm.selectedClassProperty().get()).isEqualTo("a");
        assertThat(vm.messageProperty().get()).contains("“empty” is no longer in the dataset");
    }

    @Test
    void aFailingFeaturePassIsReportedAndTheButtonComesBack() {
        AuditViewModel failing = new AuditViewModel(vm, session, (s, m) -> {
            throw new IllegalStateException("no weights");
        });
        failing.run();
        assertThat(failing.runningProperty().get()).isFalse();
        assertThat(failing.summaryProperty().get()).isEqualTo("Audit failed: no weights");
        assertThat(failing.findings()).isEmpty();
    }

    /** Issue 17: a duplicate finding is an action: keep one copy, the others to the trash, undoable. */
    @Test
    void keepOneMovesTheOtherCopiesToTheTrash() {
        audit.run();
        AuditFinding duplicate = audit.findings().stream().filter(f -> f.kind() == AuditFinding.Kind.DUPLICATE)
                .findFirst().orElseThrow();
        audit.keepOne(duplicate);
        assertThat(root.resolve(duplicate.images().get(0))).exists();
        assertThat(root.resolve(duplicate.images().get(1))).doesNotExist();
        assertThat(vm.messageProperty().get()).startsWith("Kept " + duplicate.images().get(0) + "; ");
        vm.undo();
        assertThat(root.resolve(duplicate.images().get(1))).exists();
    }

    private java.util.List<String> names() {
        return vm.images().stream().map(ImageEntry::relativePath).toList();
    }

    /** Issue 17 (done means): the summary said "20 likely mislabel, 2 near duplicate" on Fashion-MNIST. */
    @Test
    void theSummaryCountsEachKindInProperEnglish() {
        List<AuditFinding> findings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            findings.add(new AuditFinding(AuditFinding.Kind.LIKELY_MISLABEL, List.of("Coat"),
                    List.of("Coat/" + i + ".png"), "looks like Shirt"));
        }
        findings.add(new AuditFinding(AuditFinding.Kind.NEAR_DUPLICATE,
                List.of("Bag"), List.of("Bag/1.png", "Bag/2.png"), "near"));
        findings.add(new AuditFinding(AuditFinding.Kind.NEAR_DUPLICATE,
                List.of("Bag"), List.of("Bag/3.png", "Bag/4.png"), "near"));
        findings.add(new AuditFinding(AuditFinding.Kind.EMPTY_CLASS,
                List.of("Boots"), List.of(), "empty"));
        String said = AuditViewModel.summarise(new AuditReport(11, 400, 400, findings), true);
        assertThat(said).isEqualTo("23 problems: 20 likely mislabels, 2 near duplicates, 1 empty class");
    }
}
