package dev.loupe.engine.jobs;

/**
 * An immutable intermediate result a job hands its watchers while it runs (one epoch's metrics, a map's newest
 * layout): typed, so a watcher drains the kind it draws ({@link JobHandle#drainPartials(Class)}) instead of casting
 * Objects.
 */
public interface Partial {
}
