package dev.loupe.engine.catalogue;

import java.io.IOException;

/**
 * Another program holds the catalogue's write lock past SQLite's wait: the message names the file and who holds it,
 * as the dataset lock does, so the CLI (exit 75) and the studio can show it as is.
 */
public final class CatalogueInUseException extends IOException {

    CatalogueInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
