package dev.loupe;

import dev.loupe.cli.Cli;
import dev.loupe.engine.util.Natives;
import dev.loupe.ui.app.StudioApp;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one entry point. No argument, a single folder or a single {@code .loupe} model opens the studio; anything
 * else is a command-line sub-command. A plain class rather than a JavaFX {@code Application}, so the class-path launch works and the CLI
 * never touches JavaFX.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        boolean studio = opensStudio(args);
        if (studio || java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v")) {
            // Must be set before the first logger exists: the studio and --verbose show what the engine does.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        Natives.configure();
        if (studio && args.length == 1 && isModelFile(args[0])) {
            StudioApp.openModel(Path.of(args[0]));
        } else if (studio) {
            StudioApp.open(args.length == 0 ? null : Path.of(args[0]));
        } else {
            Cli.runAndExit(args);
        }
    }

    /** No argument, a dataset folder, or a {@code .loupe} model file (opened from the file manager) open the studio. */
    static boolean opensStudio(String[] args) {
        return args.length == 0 || (args.length == 1 && !args[0].startsWith("-")
                && (Files.isDirectory(Path.of(args[0])) || isModelFile(args[0])));
    }

    static boolean isModelFile(String arg) {
        return arg.toLowerCase(java.util.Locale.ROOT).endsWith(".loupe") && Files.isRegularFile(Path.of(arg));
    }
}
