package dev.loupe.ui.curate;

import java.util.Arrays;
import java.util.Locale;

/**
 * Frame times of one benchmark phase: the intervals between consecutive JavaFX pulses, as an AnimationTimer sees
 * them (a pulse that takes long to lay out or render delays the next one, so a slow frame shows as a long interval).
 * Also counts, per frame, the visible cells still waiting for their thumbnail.
 */
final class FrameStats {

    private long[] intervals = new long[4096];
    private int count;
    private long framesWithBlanks;
    private long blankCells;
    private long cellsSeen;
    private long fxCpuNanos;
    private long renderCpuNanos;

    void add(long intervalNanos, int visibleCells, int blanks) {
        if (count == intervals.length) {
            intervals = Arrays.copyOf(intervals, count * 2);
        }
        intervals[count++] = intervalNanos;
        cellsSeen += visibleCells;
        blankCells += blanks;
        if (blanks > 0) {
            framesWithBlanks++;
        }
    }

    /** CPU time the FX thread and the render thread used during the phase. */
    void addCpu(long fxNanos, long renderNanos) {
        fxCpuNanos += fxNanos;
        renderCpuNanos += renderNanos;
    }

    void addAll(FrameStats other) {
        for (int i = 0; i < other.count; i++) {
            add(other.intervals[i], 0, 0);
        }
        cellsSeen += other.cellsSeen;
        blankCells += other.blankCells;
        framesWithBlanks += other.framesWithBlanks;
        addCpu(other.fxCpuNanos, other.renderCpuNanos);
    }

    int frames() {
        return count;
    }

    /** The p-th percentile in milliseconds (nearest rank), p in 0..100. */
    double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(intervals, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    long framesOver(double ms) {
        long limit = (long) (ms * 1e6);
        long n = 0;
        for (int i = 0; i < count; i++) {
            if (intervals[i] > limit) {
                n++;
            }
        }
        return n;
    }

    double seconds() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += intervals[i];
        }
        return sum / 1e9;
    }

    /**
     * p50 / p95 / p99 / max, frames over 33 and 50 ms, how often visible cells were still blank, and the CPU the FX
     * and render threads used per frame (less sensitive than wall time to other processes on a shared machine).
     */
    String row(String name) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %.1f%% | %.2f%% "
                        + "| %.1f | %.1f |", name, count, seconds(), percentileMs(50), percentileMs(95),
                percentileMs(99), percentileMs(100), framesOver(33), framesOver(50),
                100.0 * framesWithBlanks / Math.max(1, count), 100.0 * blankCells / Math.max(1, cellsSeen),
                fxCpuNanos / 1e6 / Math.max(1, count), renderCpuNanos / 1e6 / Math.max(1, count));
    }

    static String header() {
        return "| phase | frames | s | p50 ms | p95 ms | p99 ms | max ms | >33 ms | >50 ms | frames with a blank cell"
                + " | blank cell-frames | FX CPU ms/frame | render CPU ms/frame |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
    }
}
