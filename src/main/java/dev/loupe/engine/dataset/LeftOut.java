package dev.loupe.engine.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file or folder in a dataset that the scan does not use, and why: what {@code train}, {@code audit} and the studio
 * tell the user was left out, so that no photo is ignored without a word.
 *
 * @param relativePath '/'-separated, from the dataset root
 * @param detail       the format ("HEIC") or the kind of file ("a named pipe (FIFO)"), where the reason needs it
 */
public record LeftOut(String relativePath, Why why, String detail) {

    /** Why something is left out. */
    public enum Why {
        /**
         * An image directly in the dataset folder, not in a class folder: the dataset's inbox, a photo waiting for a
         * label. Left out of training until it is moved into a class folder.
         */
        LOOSE_IMAGE,
        /** A photo in a format Loupe cannot decode yet (HEIC, AVIF, raw). */
        UNSUPPORTED_FORMAT,
        /** A folder inside a class folder: classes are not nested. */
        NESTED_FOLDER,
        /** A hidden folder (name starting with '.') with images in it: not a class. */
        HIDDEN_FOLDER,
        /** A link to a folder where a class folder would be: links in a dataset are not followed. */
        LINKED_FOLDER,
        /** A link in a class folder: not an image, since links in a dataset are not followed. */
        LINK,
        /** A named pipe, device or socket: never opened, since reading one can block for ever. */
        SPECIAL_FILE,
        /** Any other file in a class folder. */
        NOT_AN_IMAGE
    }

    /**
     * One sentence per kind (and format) of what was left out, naming the first few, e.g. "5 HEIC photos are not
     * supported yet: convert them to JPEG or PNG (daisy/a.heic, ...)". Empty when nothing was left out.
     */
    public static List<String> sentences(List<LeftOut> leftOut) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Why why : Why.values()) {
            for (LeftOut l : leftOut) {
                if (l.why() == why) {
                    String key = why + (why == Why.UNSUPPORTED_FORMAT ? ":" + l.detail() : "");
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(
                            why == Why.SPECIAL_FILE ? l.relativePath() + " (" + l.detail() + ")" : l.relativePath());
                }
            }
        }
        List<String> out = new ArrayList<>();
        groups.forEach((key, paths) -> {
            int colon = key.indexOf(':');
            Why why = Why.valueOf(colon < 0 ? key : key.substring(0, colon));
            out.add(sentence(why, colon < 0 ? null : key.substring(colon + 1), paths.size()) + " ("
                    + names(paths) + ")");
        });
        return out;
    }

    private static String sentence(Why why, String format, int n) {
        boolean one = n == 1;
        return switch (why) {
            case LOOSE_IMAGE -> n + (one ? " photo is" : " photos are") + " in the inbox (directly in the dataset "
                    + "folder, not in a class folder): " + (one ? "it is" : "they are") + " left out of training "
                    + "until labelled";
            case UNSUPPORTED_FORMAT -> n + " " + format + (one ? " photo is" : " photos are")
                    + " not supported yet: convert " + (one ? "it" : "them") + " to JPEG or PNG";
            case NESTED_FOLDER -> n + (one ? " folder" : " folders") + " inside class folders "
                    + (one ? "is" : "are") + " left out with " + (one ? "its" : "their")
                    + " images: classes are not nested; move the images up into a class folder";
            case HIDDEN_FOLDER -> n + " hidden " + (one ? "folder is" : "folders are") + " not a class (a name starting "
                    + "with '.' hides a folder); rename " + (one ? "it" : "them") + " to use " + (one ? "its" : "their")
                    + " images";
            case LINKED_FOLDER -> n + (one ? " link" : " links") + " to a folder " + (one ? "is" : "are") + " not a "
                    + "class: Loupe does not follow links in a dataset; put the folder itself there";
            case LINK -> n + (one ? " link is" : " links are") + " not an image: Loupe does not follow links in a "
                    + "dataset; put the photo itself there";
            case SPECIAL_FILE -> n + (one ? " file is" : " files are") + " not a regular file and "
                    + (one ? "is" : "are") + " never read";
            case NOT_AN_IMAGE -> n + (one ? " file" : " files") + " in class folders " + (one ? "is" : "are")
                    + " not an image";
        };
    }

    private static String names(List<String> paths) {
        return String.join(", ", paths.subList(0, Math.min(3, paths.size())))
                + (paths.size() > 3 ? " and " + (paths.size() - 3) + " more" : "");
    }
}
