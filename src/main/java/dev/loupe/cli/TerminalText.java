package dev.loupe.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Text from a dataset or a model (labels, file names, messages that quote them) reaches the terminal with its control
 * characters escaped: an escape sequence in a label must not clear or recolour the terminal, a line break in a file
 * name must not forge an output or error line, a right-to-left override must not disguise a name. {@code --json}
 * carries them exactly, escaped the JSON way.
 */
final class TerminalText {

    /** What the commands write themselves between lines (and tabs, in a -v stack trace). */
    private static final String LINE_BREAKS = System.lineSeparator() + "\n\t";

    private TerminalText() {
    }

    /** {@code s} with every control character (line breaks included) written as {@code \n}, {@code \x1b}, ... */
    static String safe(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(escape(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * A writer for the commands' output and errors that escapes control characters other than the line breaks the
     * commands write themselves: the last guard for text that reaches the terminal without {@link #safe}.
     */
    static Writer guard(Writer target) {
        return new FilterWriter(target) {
            @Override
            public void write(int c) throws IOException {
                if (!LINE_BREAKS.contains(String.valueOf((char) c)) && isControl((char) c)) {
                    out.write(escape((char) c));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(buf[i]);
                }
            }

            @Override
            public void write(String s, int off, int len) throws IOException {
                for (int i = off; i < off + len; i++) {
                    write(s.charAt(i));
                }
            }
        };
    }

    /** C0 and C1 controls, DEL, and the bidirectional overrides and isolates (which can make a name read backwards). */
    private static boolean isControl(char c) {
        return Character.isISOControl(c) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        };
    }
}
