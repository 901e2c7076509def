package dev.loupe.ui.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads whether the OS uses a dark theme. JavaFX 21 has no API for it, so this asks each OS's own tool, on a daemon
 * thread with a short timeout (a hung gsettings must never delay the window), and answers "light" when unsure.
 */
public final class SystemTheme {

    private static final Logger LOG = LoggerFactory.getLogger(SystemTheme.class);
    private static final long TIMEOUT_MS = 1500;

    private SystemTheme() {
    }

    /** Completes with true for a dark OS theme; never completes exceptionally. */
    public static CompletableFuture<Boolean> detectAsync() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread t = new Thread(() -> result.complete(detect()), "loupe-theme-detect");
        t.setDaemon(true);
        t.start();
        return result;
    }

    static boolean detect() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        try {
            if (os.contains("win")) {
                return run("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                        "/v", "AppsUseLightTheme").map(SystemTheme::windowsIsDark).orElse(false);
            }
            if (os.contains("mac")) {
                return run("defaults", "read", "-g", "AppleInterfaceStyle").map(SystemTheme::macIsDark).orElse(false);
            }
            String scheme = run("gsettings", "get", "org.gnome.desktop.interface", "color-scheme").orElse("");
            String gtk = run("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme").orElse("");
            return linuxIsDark(scheme, gtk);
        } catch (RuntimeException e) {
            LOG.debug("Could not read the OS theme; using light", e);
            return false;
        }
    }

    static boolean linuxIsDark(String colorScheme, String gtkTheme) {
        return colorScheme.toLowerCase(Locale.ROOT).contains("dark") || gtkTheme.toLowerCase(Locale.ROOT).contains("dark");
    }

    static boolean macIsDark(String output) {
        return output.trim().equalsIgnoreCase("dark");
    }

    /** {@code AppsUseLightTheme    REG_DWORD    0x0} means dark. */
    static boolean windowsIsDark(String output) {
        return output.replaceAll("\\s+", " ").trim().endsWith("0x0");
    }

    /** The command's output when it ends successfully within the timeout; empty otherwise (missing tool, no key). */
    private static Optional<String> run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.debug("{} timed out", command[0]);
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
