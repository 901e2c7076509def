package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobExecutor;
import dev.loupe.engine.jobs.JobHandle;
import dev.loupe.engine.jobs.JobSnapshot;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one bridge from engine jobs to JavaFX: every 250 ms, on the FX thread, it reads {@link JobExecutor#jobs()}
 * snapshots into {@link #running()} and {@link #lastMessage()}. Jobs never call into the UI, so a job reporting
 * thousands of steps costs the UI four updates a second (mzmine's task timeline, not one runLater per step).
 */
public final class JobStatusPoller {

    private static final Logger LOG = LoggerFactory.getLogger(JobStatusPoller.class);
    static final Duration PERIOD = Duration.millis(250);

    private final List<JobExecutor> executors;
    private final ObservableList<JobRow> running = FXCollections.observableArrayList();
    private final ObservableList<JobRow> runningView = FXCollections.unmodifiableObservableList(running);
    private final ReadOnlyStringWrapper lastMessage = new ReadOnlyStringWrapper("");
    private final Map<JobHandle<?>, JobRow> rows = new IdentityHashMap<>();
    private final Set<JobHandle<?>> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Jobs of a closed dataset session: their rows go when they end, without a last message. */
    private final Set<JobHandle<?>> silenced = Collections.newSetFromMap(new IdentityHashMap<>());
    private Timeline timeline;

    public JobStatusPoller(JobExecutor executor) {
        this(List.of(executor));
    }

    /** Follows several queues (the studio's compute and edit queues) in one bar. */
    public JobStatusPoller(List<JobExecutor> executors) {
        this.executors = List.copyOf(executors);
    }

    private List<JobHandle<?>> jobs() {
        return executors.stream().<JobHandle<?>>flatMap(e -> e.jobs().stream()).toList();
    }

    /** Starts polling; call on the FX thread (a Timeline needs the toolkit, which view-model tests don't start). */
    public void start() {
        if (timeline == null) {
            timeline = new Timeline(new KeyFrame(PERIOD, e -> refresh()));
            timeline.setCycleCount(Timeline.INDEFINITE);
        }
        timeline.play();
    }

    public void stop() {
        if (timeline != null) {
            timeline.stop();
        }
    }

    /** One poll. Public so tests can drive it without a timer. */
    public void refresh() {
        List<JobHandle<?>> jobs = jobs();
        for (JobHandle<?> handle : jobs) {
            JobSnapshot s = handle.snapshot();
            if (!s.state().isFinal()) {
                rows.computeIfAbsent(handle, this::addRow).update(s);
            } else if (reported.add(handle)) {
                JobRow row = rows.remove(handle);
                running.remove(row);
                if (!silenced.contains(handle)) {
                    lastMessage.set(describeEnd(s));
                }
                LOG.info("Job '{}' ended {}{}", s.name(), s.state(), s.error() == null ? "" : ": " + s.error());
            }
        }
        // Forget what the executor itself forgot, so a long session does not keep every finished handle alive; a row
        // whose job the executor forgot between two polls (many jobs ended at once) still ends with its message.
        Set<JobHandle<?>> current = Collections.newSetFromMap(new IdentityHashMap<>());
        current.addAll(jobs);
        for (JobHandle<?> gone : List.copyOf(rows.keySet())) {
            if (!current.contains(gone)) {
                running.remove(rows.remove(gone));
                if (!silenced.contains(gone)) {
                    lastMessage.set(describeEnd(gone.snapshot()));
                }
            }
        }
        reported.retainAll(current);
        silenced.retainAll(current);
    }

    /**
     * Another dataset was opened: the last message goes, and the jobs submitted so far (the old session's, being
     * cancelled) leave the bar without saying how they ended. FX thread.
     */
    public void newSession() {
        silenced.addAll(jobs());
        silenced.addAll(rows.keySet());
        lastMessage.set("");
    }

    private JobRow addRow(JobHandle<?> handle) {
        JobRow row = new JobRow(handle);
        running.add(row);
        return row;
    }

    static String describeEnd(JobSnapshot s) {
        String warnings = s.warnings().isEmpty() ? "" : " (" + s.warnings().size() + " warnings)";
        return switch (s.state()) {
            case SUCCEEDED -> (s.outcome().isBlank() ? s.name() + " finished" : s.outcome()) + warnings;
            case FAILED -> s.name() + " failed: " + s.error();
            default -> s.name() + " cancelled";
        };
    }

    /** Jobs queued or running, oldest first; changes only on the FX thread. */
    public ObservableList<JobRow> running() {
        return runningView;
    }

    /** A line about the job that ended most recently, e.g. "Extract features finished". */
    public ReadOnlyStringProperty lastMessage() {
        return lastMessage.getReadOnlyProperty();
    }
}
