package dev.loupe.engine.util;

import java.io.IOException;

/** An output that {@link OutputGuard} will not write: it would replace an input or land among a dataset's images. */
public final class OutputRefusedException extends IOException {

    public OutputRefusedException(String message) {
        super(message);
    }
}
