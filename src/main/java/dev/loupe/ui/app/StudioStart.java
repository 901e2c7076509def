package dev.loupe.ui.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the studio for the launcher, or says in one sentence why this machine cannot show it (no display, no GTK 3)
 * and that the command line works anyway, instead of JavaFX's stack trace.
 */
public final class StudioStart {

    /** Exit code when the studio cannot start here. */
    public static final int CANNOT_START = 1;
    private static final String CLI = "The command line works without it: run loupe --help for its commands.";

    private StudioStart() {
    }

    /** Opens the studio (on a dataset folder, a model file, or the last dataset when null); blocks until it closes. */
    public static int open(Path target, boolean model, PrintStream err) {
        String missing = missingDisplay(System.getenv(), System.getProperty("os.name", ""));
        if (missing != null) {
            err.println("loupe: " + missing);
            return CANNOT_START;
        }
        try {
            if (model) {
                StudioApp.openModel(target);
            } else {
                StudioApp.open(target);
            }
            return 0;
        } catch (RuntimeException | LinkageError e) {
            String why = explain(e, System.getenv("DISPLAY"));
            if (why == null) {
                throw e;
            }
            err.println("loupe: " + why);
            return CANNOT_START;
        }
    }

    /** On Linux and the BSDs without DISPLAY or WAYLAND_DISPLAY: why the studio cannot start; else null. */
    static String missingDisplay(Map<String, String> env, String os) {
        String name = os.toLowerCase(Locale.ROOT);
        if (name.contains("win") || name.contains("mac")) {
            return null;
        }
        if (isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"))) {
            return null;
        }
        return "the studio needs a display, and this session has none (DISPLAY is not set: no desktop, or an SSH "
                + "login without -X). " + CLI;
    }

    /** JavaFX's start-up failures a user can act on, in one sentence; null for anything else. */
    static String explain(Throwable failure, String display) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Unable to load glass GTK library") || m.contains("libgtk-3")) {
                return "the studio needs GTK 3, which is not installed on this machine (libgtk-3.so.0). Install it "
                        + "(Debian, Ubuntu: sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3). " + CLI;
            }
            if (m.contains("Unable to open DISPLAY")) {
                return "the studio could not open the display " + display + " (is the X server running, and may "
                        + "this user use it?). " + CLI;
            }
        }
        return null;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
