package dev.loupe.engine.bench;

import dev.loupe.engine.jobs.Partial;
import dev.loupe.engine.jobs.JobMonitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A monitor that notes when each stage of a job starts, to say where a job's time went: wall time, and the process's
 * CPU time, which a loaded machine inflates far less.
 */
final class StageClock implements JobMonitor {

    private final long start = System.nanoTime();
    private final double startCpu = Timing.processCpuSeconds();
    private final List<String> names = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private final List<Double> cpuStarts = new ArrayList<>();

    @Override
    public synchronized void stage(String name) {
        names.add(label(name));
        starts.add(System.nanoTime());
        cpuStarts.add(Timing.processCpuSeconds());
    }

    /** Each stage with its duration up to the next one (the last up to now); "Starting" covers the time before the first. */
    synchronized List<BenchReport.Stage> stages() {
        List<BenchReport.Stage> out = new ArrayList<>();
        long end = System.nanoTime();
        double endCpu = Timing.processCpuSeconds();
        long previous = start;
        double previousCpu = startCpu;
        String name = "Starting";
        for (int i = 0; i <= names.size(); i++) {
            long next = i < names.size() ? starts.get(i) : end;
            double nextCpu = i < names.size() ? cpuStarts.get(i) : endCpu;
            out.add(new BenchReport.Stage(name, (next - previous) / 1e9, nextCpu - previousCpu));
            if (i < names.size()) {
                name = names.get(i);
                previous = next;
                previousCpu = nextCpu;
            }
        }
        return out;
    }

    /** The stage name up to any colon, with paths shortened to their file name: "Scanning dataset". */
    static String label(String name) {
        String head = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        StringBuilder out = new StringBuilder();
        for (String word : head.split(" ")) {
            out.append(out.length() == 0 ? "" : " ")
                    .append(word.contains("/") || word.contains("\\") ? fileName(word) : word);
        }
        return out.toString();
    }

    private static String fileName(String path) {
        Path p = Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    @Override public void progress(long done, long total) { }
    @Override public void status(String message) { }
    @Override public void warning(String message) { }
    @Override public void partial(Partial record) { }
    @Override public boolean isCancelled() { return false; }
}
