package dev.loupe.engine.runs;

import java.time.Instant;

/**
 * Whether the process that started a run is still alive. A pid alone is not enough (pids are reused after a
 * restart), so the process's start time is compared too when the OS reports it.
 */
final class ProcessLiveness {

    private ProcessLiveness() {
    }

    static long currentPid() {
        return ProcessHandle.current().pid();
    }

    /** This process's start in epoch milliseconds, or 0 when the OS does not say. */
    static long currentStart() {
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    static boolean alive(long pid, long start) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> start == 0 || h.info().startInstant().map(i -> i.toEpochMilli() == start).orElse(true))
                .orElse(false);
    }
}
