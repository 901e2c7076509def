package dev.loupe.engine.runs;

/** Where a run is in its life. Everything but RUNNING is final; INTERRUPTED means the process died mid-run. */
public enum RunState {
    RUNNING, FINISHED, FAILED, CANCELLED, INTERRUPTED
}
