package dev.loupe.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills a child that moves every image from one class folder to another, back and forth, exactly while one move
 * (or its undo) is half done. The parent watches both folders; when both hold images it freezes the child
 * ({@code SIGSTOP}), looks again (a frozen child moves nothing), and kills it ({@code SIGKILL}) if an edit is still
 * half done, else lets it run on ({@code SIGCONT}). So the cut is inside one multi-file edit every time, not by luck.
 */
final class MidEdit {

    private static final long GIVE_UP_MS = 120_000;

    private MidEdit() {
    }

    /** Returns where the cut fell, e.g. "120 red, 180 blue", once the child is killed. */
    static String killInside(Process child, Path from, Path to) throws Exception {
        long deadline = System.currentTimeMillis() + GIVE_UP_MS;
        int tries = 0;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                throw new IllegalStateException("the child ended (exit " + child.exitValue() + ") before the cut");
            }
            if (count(from) == 0 || count(to) == 0) {
                continue;
            }
            tries++;
            signal(child, "STOP");
            long a = count(from);
            long b = count(to);
            if (a > 0 && b > 0) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
                return a + " " + from.getFileName() + ", " + b + " " + to.getFileName() + " (frozen " + tries
                        + (tries == 1 ? " time)" : " times)");
            }
            signal(child, "CONT");
        }
        throw new IllegalStateException("could not catch the child half-way through an edit in "
                + GIVE_UP_MS / 1000 + " s (" + tries + " tries)");
    }

    private static long count(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    private static void signal(Process child, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + child.pid() + " failed");
        }
    }
}
