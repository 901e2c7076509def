package dev.loupe.engine.jobs;

/** A unit of long-running engine work: a plain function that reports through its monitor. */
@FunctionalInterface
public interface Job<T> {
    T run(JobMonitor monitor) throws Exception;
}
