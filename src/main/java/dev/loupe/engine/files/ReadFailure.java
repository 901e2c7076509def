package dev.loupe.engine.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Why Loupe could not read a file or folder, in words a user can act on. The JDK's messages are just the path
 * ("AccessDeniedException: /data/flowers/roses"), which says neither what failed nor what to do.
 */
public final class ReadFailure {

    private ReadFailure() {
    }

    /** E.g. "Loupe cannot read this folder (permission denied): check its permissions". */
    public static String describe(IOException e, boolean folder) {
        String what = folder ? "this folder" : "this file";
        if (e instanceof AccessDeniedException) {
            return "Loupe cannot read " + what + " (permission denied): check its permissions";
        }
        if (e instanceof NotRegularFileException n) {
            return n.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return what.substring(5) + " not found: it was moved or deleted after the scan; scan the dataset again";
        }
        String type = e.getClass().getSimpleName().replace("Exception", "");
        String detail = e.getMessage() == null ? type : type + ": " + e.getMessage();
        return "Loupe cannot read " + what + " (" + detail + ")";
    }
}
