package dev.loupe.ui.common;

import dev.loupe.engine.jobs.JobExecutor;
import javafx.beans.value.ObservableValue;

import java.nio.file.Path;

/**
 * What the studio hands every pane: the open dataset folder (it changes when the user opens another one, so panes
 * observe it rather than read it once), the shared job queue, whose jobs the status bar shows, and the one thumbnail
 * service every pane shows small images through.
 */
public record StudioContext(ObservableValue<Path> dataset, JobExecutor jobs, ThumbnailService thumbnails) {

    /** A context whose thumbnail service follows the dataset (switched before any pane hears of a new one). */
    public StudioContext(ObservableValue<Path> dataset, JobExecutor jobs) {
        this(dataset, jobs, following(dataset));
    }

    private static ThumbnailService following(ObservableValue<Path> dataset) {
        ThumbnailService service = ThumbnailService.forDataset(dataset.getValue());
        dataset.addListener((o, was, now) -> service.setDataset(now));
        return service;
    }
}
