package dev.loupe.engine.jobs;

/** Life cycle of a job. SUCCEEDED, FAILED and CANCELLED are final: nothing moves a job out of them. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
