package dev.loupe.engine.backbone.download;

import java.io.IOException;

/** A download failed; the message says why in words a user can act on (network, server, checksum). */
public final class DownloadException extends IOException {

    public DownloadException(String message) {
        super(message);
    }

    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
