package dev.loupe.ui.app;

import dev.loupe.engine.bench.StudioStartup;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.lang.management.ManagementFactory;

/**
 * How {@code loupe bench} times the studio's start: run with {@code -Dloupe.startupProbe=true}, the studio starts
 * with fresh in-memory settings (so it opens on the sample dataset, as on a first start, and leaves the user's
 * settings alone), prints one line with the JVM's uptime once its window is shown, and quits.
 */
final class StartupProbe {

    private StartupProbe() {
    }

    static boolean enabled() {
        return Boolean.getBoolean(StudioStartup.PROBE_PROPERTY);
    }

    static StudioPrefs settings() {
        return new StudioPrefs(new MemoryPreferences());
    }

    static void reportWhenShown(Stage stage) {
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            // Standard output on purpose: the bench reads this line from the child process; it is not a log message.
            System.out.println(StudioStartup.PROBE_LINE + uptime);
            System.out.flush();
            Platform.exit();
        });
    }
}
