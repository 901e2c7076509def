/**
 * The one progress contract between long engine work and whoever watches it (the CLI's progress bars, the studio's
 * status bar and charts, tests). A {@link dev.loupe.engine.jobs.Job} is a plain function of a
 * {@link dev.loupe.engine.jobs.JobMonitor}; it reports stages, progress and immutable partial results, and checks for
 * cancellation at every iteration. Nothing here knows about JavaFX.
 */
package dev.loupe.engine.jobs;
