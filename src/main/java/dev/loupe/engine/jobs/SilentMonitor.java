package dev.loupe.engine.jobs;

/** A monitor for callers that do not watch: drops every report, never cancels. */
enum SilentMonitor implements JobMonitor {
    INSTANCE;

    @Override public void stage(String name) { }
    @Override public void progress(long done, long total) { }
    @Override public void status(String message) { }
    @Override public void warning(String message) { }
    @Override public void partial(Partial record) { }
    @Override public boolean isCancelled() { return false; }
}
