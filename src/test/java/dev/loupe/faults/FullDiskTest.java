package dev.loupe.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writing Loupe's files (model, journal, catalogue) on a full disk: a clear error, the old file whole, no debris.
 * The disk is a real tmpfs that fills up, mounted in the child JVM's own mount namespace ({@link PrivateDisk}), so
 * every case runs for root and non-root alike; the cases themselves are in {@link FullDiskWork}.
 */
class FullDiskTest {

    private static final Pattern LOST = Pattern.compile("(?m)^lost: (\\d+)$");

    @TempDir Path dir;

    @Test
    void aModelSavedOnAFullDiskFailsClearlyAndKeepsTheOldFile() throws Exception {
        Results.check("file system", "model file written on a full disk",
                "error names the file and the full disk; old model whole; no temp file",
                () -> runOnTmpfs("model", 512));
    }

    @Test
    void anEditWhoseJournalCannotBeWrittenIsRolledBack() throws Exception {
        Results.check("file system", "journal written on a full disk during an edit",
                "edit not made (or rolled back), error names the journal; history unchanged; next edit works",
                () -> runOnTmpfs("journal", 512));
    }

    @Test
    void featuresOnAFullDiskFailClearlyAndTheCatalogueStillOpens() throws Exception {
        Results.check("file system", "catalogue written on a full disk",
                "error names the catalogue and the full disk; catalogue opens after; next run completes",
                () -> runOnTmpfs("catalogue", 768));
    }

    @Test
    void anImportThatFillsTheDiskRemovesItsCopiesAgain() throws Exception {
        Results.check("file system", "dataset add fills the disk",
                "error says the disk is full and that the copies made were removed; free space as before; dataset, "
                        + "sources and history unchanged; no temp file; a smaller add works",
                () -> runOnTmpfs("add", 1024));
    }

    @Test
    void cutMapsOnAFullDiskAreRefusedAndLeaveNoTemporaryFile() throws Exception {
        Results.check("file system", "fine-tuning's cut maps written on a full disk (before and while writing)",
                "refused before the backbone runs, or when the disk fills, naming the folder, the size needed and "
                        + "what to do; no temporary file; written whole once there is room",
                () -> runOnTmpfs("cutmaps", 1024));
    }

    private void runOnTmpfs(String mode, int kilobytes) throws Exception {
        Path disk = dir.resolve("disk");
        ChildJvm.Result child = ChildJvm.run(PrivateDisk.child(disk, kilobytes, FullDiskWork.class.getName(), mode,
                disk.toString()), 300);
        Matcher lost = LOST.matcher(child.out());
        assertThat(lost.find()).as(PrivateDisk.cannotMount(child.out())).isTrue();
        Results.lost(Integer.parseInt(lost.group(1)));
        assertThat(child.exit()).as(child.out()).isZero();
        assertThat(child.out()).contains("passed");
        Results.note(kilobytes + " KB tmpfs in the child's own mount namespace (unshare "
                + (Unprivileged.root() ? "-m" : "-rm") + ")");
    }
}
