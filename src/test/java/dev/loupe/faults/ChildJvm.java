package dev.loupe.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a main class of this test class path in a separate JVM: a real second Loupe process. */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static ProcessBuilder builder(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path")));
        String data = System.getProperty("loupe.data.dir");
        if (data != null) {
            cmd.add(3, "-Dloupe.data.dir=" + data);
        }
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    /** Waits for a line starting with {@code prefix} on the child's output (or fails when it ends first). */
    public static String awaitLine(Process p, BufferedReader out, String prefix) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("child ended (exit " + exitOf(p) + ") before printing " + prefix);
    }

    /** Reads and drops the rest of the child's output, so a chatty child never blocks on a full pipe. */
    public static void drain(BufferedReader out) {
        Thread t = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // dropped
                }
            } catch (IOException e) {
                // the child was killed: nothing more to read
            }
        }, "child-output");
        t.setDaemon(true);
        t.start();
    }

    public static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs to the end and returns exit code and output. */
    public static Result run(ProcessBuilder pb, long timeoutSeconds) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("child timed out: " + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** What a finished child printed and returned. */
    public record Result(int exit, String out) {
    }

    private static String exitOf(Process p) {
        try {
            return p.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
