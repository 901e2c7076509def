package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobSnapshot;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One running job as the status bar shows it. Its properties change only on the FX thread, when
 * {@link JobStatusPoller} copies a fresh {@link JobSnapshot} in; the job's own thread never touches them.
 */
public final class JobRow {

    private final JobHandle<?> handle;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);

    JobRow(JobHandle<?> handle) {
        this.handle = handle;
        this.name.set(handle.name());
    }

    void update(JobSnapshot s) {
        detail.set(detailOf(s));
        // -1 is ProgressBar's "indeterminate", which is also what fraction() returns for an unknown total.
        progress.set(s.fraction());
    }

    static String detailOf(JobSnapshot s) {
        String text = s.stage().isBlank() ? s.state().name().toLowerCase() : s.stage();
        if (s.total() > 0) {
            text += " " + s.done() + "/" + s.total();
        }
        return s.status().isBlank() ? text : text + " · " + s.status();
    }

    public ReadOnlyStringProperty nameProperty() { return name.getReadOnlyProperty(); }

    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }

    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** Asks the job to stop at its next check; the row disappears on the next poll after it ends. */
    public void cancel() {
        handle.cancel();
    }
}
