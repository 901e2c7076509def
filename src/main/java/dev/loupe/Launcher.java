package dev.loupe;

import dev.loupe.cli.Cli;
import dev.loupe.engine.util.Natives;
import dev.loupe.ui.app.StudioStart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The one entry point. No argument, a single folder or a single {@code .loupe} model opens the studio, and so does
 * {@code loupe open FOLDER|MODEL}; anything else is a command-line sub-command, and a sub-command's name always wins
 * over a folder of that name. A plain class rather than a JavaFX {@code Application}, so the class-path launch works
 * and the CLI never touches JavaFX.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Path here = Path.of("");
        boolean studio = opensStudio(args, here);
        List<String> list = Arrays.asList(args);
        if (studio || list.contains("--verbose") || list.contains("-v") || list.contains("open")) {
            // Must be set before the first logger exists: the studio and --verbose show what the engine does.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        Natives.configure();
        if (studio) {
            int code = openStudio(args.length == 0 ? null : Path.of(args[0]));
            if (code != 0) {
                System.exit(code);
            }
            return;
        }
        if (args.length == 1 && Files.isDirectory(here.resolve(args[0]))) {
            System.err.println("loupe: running the command '" + args[0] + "'; to open the folder " + args[0]
                    + " in the studio instead: loupe open " + args[0]);
        }
        Cli.runAndExit(Launcher::openStudio, args);
    }

    /**
     * No argument, a dataset folder, or a {@code .loupe} model file (opened from the file manager) open the studio,
     * unless the one argument is a sub-command's name: {@code loupe bench} runs the benchmark beside a folder "bench".
     */
    static boolean opensStudio(String[] args, Path here) {
        if (args.length == 0) {
            return true;
        }
        String arg = args[0];
        return args.length == 1 && !arg.startsWith("-") && !Cli.commandNames().contains(arg)
                && (Files.isDirectory(here.resolve(arg)) || isModelFile(here.resolve(arg).toString()));
    }

    static boolean isModelFile(String arg) {
        return arg.toLowerCase(java.util.Locale.ROOT).endsWith(".loupe") && Files.isRegularFile(Path.of(arg));
    }

    private static int openStudio(Path target) {
        return StudioStart.open(target, target != null && isModelFile(target.toString()), System.err);
    }
}
