package dev.loupe.engine.export;

import java.io.IOException;

/** An export that cannot be made as asked (unknown format, a target that is an input, a network the format cannot
 * hold); the message says what and what to do. An IOException: it is about the user's files, exit code 3. */
public class ExportException extends IOException {

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
