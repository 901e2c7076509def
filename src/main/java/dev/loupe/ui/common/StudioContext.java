package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobExecutor;
import javafx.beans.value.ObservableValue;

import java.nio.file.Path;

/**
 * What the studio hands every pane: the open dataset folder (it changes when the user opens another one, so panes
 * observe it rather than read it once) and the shared job queue, whose jobs the status bar shows.
 */
public record StudioContext(ObservableValue<Path> dataset, JobExecutor jobs) {
}
