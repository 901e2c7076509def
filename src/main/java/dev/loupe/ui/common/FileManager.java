package dev.loupe.ui.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Shows a file in the system's file manager: selected where the OS can do that, else its folder opened. */
public final class FileManager {

    private static final Logger LOG = LoggerFactory.getLogger(FileManager.class);

    private FileManager() {
    }

    /** Starts the file manager in the background; a failure is logged and said in the returned words, or null. */
    public static String reveal(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", "-R", file.toString())
                : os.contains("win") ? List.of("explorer.exe", "/select," + file)
                : List.of("xdg-open", file.getParent().toString());
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return null;
        } catch (IOException e) {
            LOG.info("Could not start {}: {}", command.get(0), e.toString());
            return "Could not open the file manager (" + command.get(0) + " is missing): the file is " + file;
        }
    }
}
