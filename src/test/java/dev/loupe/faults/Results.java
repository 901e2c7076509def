package dev.loupe.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the fault suite ran and saw, written to {@code target/reliability-results.md} after every case so that
 * docs/reliability.md can quote a real run. A case records its area, name, what it asserts, whether it passed and
 * how many user files it found lost or altered (counted by {@link DatasetHashes}).
 */
public final class Results {

    /** One case's outcome. */
    record Case(String area, String name, String asserts, boolean passed, int lost, long millis, String note) {
    }

    /** A case body. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private static final List<Case> CASES = new ArrayList<>();
    private static final ThreadLocal<int[]> LOST = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<String> NOTE = new ThreadLocal<>();

    private Results() {
    }

    /** Runs a case, records it, and rethrows its failure so JUnit reports it too. */
    public static void check(String area, String name, String asserts, Body body) throws Exception {
        LOST.get()[0] = 0;
        NOTE.remove();
        long start = System.currentTimeMillis();
        boolean passed = false;
        try {
            body.run();
            passed = true;
        } finally {
            record(new Case(area, name, asserts, passed, LOST.get()[0], System.currentTimeMillis() - start,
                    NOTE.get()));
        }
    }

    /** Adds user files found lost or altered to the running case. */
    static void lost(int n) {
        LOST.get()[0] += n;
    }

    /** User files counted lost or altered so far in this thread's case (a child JVM reports it to its parent). */
    static int lostSoFar() {
        return LOST.get()[0];
    }

    /** A remark for the table, e.g. how a case was made real (tmpfs, bind mount) or what it fell back to. */
    public static void note(String note) {
        NOTE.set(note);
    }

    private static synchronized void record(Case c) {
        CASES.add(c);
        write(Path.of("target", "reliability-results.md"));
    }

    private static void write(Path file) {
        List<Case> sorted = new ArrayList<>(CASES);
        sorted.sort(Comparator.comparing(Case::area).thenComparing(Case::name));
        long passed = sorted.stream().filter(Case::passed).count();
        int lost = sorted.stream().mapToInt(Case::lost).sum();
        StringBuilder md = new StringBuilder("# Fault suite results\n\n")
                .append("Cases tried: ").append(sorted.size()).append(", passed: ").append(passed)
                .append(", user files lost or altered: ").append(lost).append(", user: ")
                .append(System.getProperty("user.name")).append(", ").append(java.time.LocalDate.now())
                .append("\n\n| Area | Case | Asserts | Result | Files lost | ms | Note |\n|---|---|---|---|---|---|---|\n");
        for (Case c : sorted) {
            md.append("| ").append(c.area()).append(" | ").append(c.name()).append(" | ").append(c.asserts())
                    .append(" | ").append(c.passed() ? "pass" : "FAIL").append(" | ").append(c.lost())
                    .append(" | ").append(c.millis()).append(" | ").append(c.note() == null ? "" : c.note())
                    .append(" |\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
