package dev.loupe.engine.bench;

import dev.loupe.engine.util.AppDirs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Times the studio's start: launches {@code java -cp <this class path> dev.loupe.Launcher} with the start-up probe
 * on (the studio prints {@link #PROBE_LINE} and its JVM's uptime once its window is shown, then quits) and measures
 * from starting the process to reading that line. Needs a display: on Linux, {@code DISPLAY} or
 * {@code WAYLAND_DISPLAY}; Monocle's headless platform would only time a studio that draws nowhere.
 */
public final class StudioStartup {

    /** The system property that turns the probe on in the studio. */
    public static final String PROBE_PROPERTY = "loupe.startupProbe";
    /** What the studio prints, followed by its JVM's uptime in milliseconds. */
    public static final String PROBE_LINE = "loupe.startupProbe window shown, JVM uptime ms: ";

    private static final long TIMEOUT_SECONDS = 120;

    private StudioStartup() {
    }

    /** Why the studio cannot be shown here, or null if it can. */
    static String noDisplay(Map<String, String> env, String osName) {
        boolean linuxLike = !osName.toLowerCase(Locale.ROOT).contains("win")
                && !osName.toLowerCase(Locale.ROOT).contains("mac");
        boolean display = !env.getOrDefault("DISPLAY", "").isBlank()
                || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return linuxLike && !display ? "no display (DISPLAY is not set)" : null;
    }

    static BenchReport.StudioStart measure() throws IOException, InterruptedException {
        String why = noDisplay(System.getenv(), System.getProperty("os.name"));
        if (why != null) {
            return notMeasured(why);
        }
        try (TempFolder temp = new TempFolder("loupe-bench-studio")) {
            Path log = temp.path().resolve("studio.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // The same heap limit as this JVM (./loupe and the installers give -Xmx4g).
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-Xmx")).forEach(command::add);
            command.addAll(List.of(
                    "-D" + PROBE_PROPERTY + "=true",
                    "-Dloupe.home=" + AppDirs.home(),
                    // Where an installed studio would copy the sample dataset: a throwaway folder, not the user's.
                    "-Dloupe.data.dir=" + temp.path().resolve("data"),
                    "-cp", System.getProperty("java.class.path"), "dev.loupe.Launcher"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            long start = System.nanoTime();
            Process studio = builder.start();
            CompletableFuture<Long> shown = CompletableFuture.supplyAsync(() -> readUptime(studio));
            try {
                Long uptime = shown.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                double launchToShown = (System.nanoTime() - start) / 1e6;
                if (uptime == null) {
                    return notMeasured("the studio exited (" + exitCode(studio) + ") without showing a window: "
                            + tail(log));
                }
                return new BenchReport.StudioStart(launchToShown, uptime, null);
            } catch (TimeoutException e) {
                studio.destroy();
                return notMeasured("no window within " + TIMEOUT_SECONDS + " s: " + tail(log));
            } catch (java.util.concurrent.ExecutionException e) {
                return notMeasured("could not read the studio's output: " + e.getCause());
            } finally {
                stop(studio);
            }
        }
    }

    /** The uptime the probe line reports, or null if the process ended without one. */
    private static Long readUptime(Process studio) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(studio.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(PROBE_LINE)) {
                    return Long.parseLong(line.substring(PROBE_LINE.length()).trim());
                }
            }
            return null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The probe quits by itself once shown; this only ends a studio that hangs or never showed its window. */
    private static void stop(Process studio) throws InterruptedException {
        if (!studio.waitFor(30, TimeUnit.SECONDS)) {
            studio.destroy();
            if (!studio.waitFor(10, TimeUnit.SECONDS)) {
                studio.destroyForcibly();
            }
        }
    }

    private static String exitCode(Process studio) throws InterruptedException {
        return studio.waitFor(10, TimeUnit.SECONDS) ? "exit code " + studio.exitValue() : "still running";
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static BenchReport.StudioStart notMeasured(String why) {
        return new BenchReport.StudioStart(Double.NaN, Double.NaN, why);
    }
}
