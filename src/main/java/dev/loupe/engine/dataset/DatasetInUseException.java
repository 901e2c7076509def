package dev.loupe.engine.dataset;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Another Loupe process holds the dataset's lock. The message names the dataset, the holder and what to do, so the
 * CLI and the studio can show it as is.
 */
public final class DatasetInUseException extends IOException {

    private final transient LockHolder holder;

    DatasetInUseException(Path dataset, LockHolder holder) {
        super(dataset + " is in use by another Loupe: " + (holder == null ? "a process that is starting"
                : holder.describe()) + ". Close that Loupe or wait for its job to finish, then try again.");
        this.holder = holder;
    }

    /** Who holds it; null when the holder had not yet written its details. */
    public LockHolder holder() {
        return holder;
    }
}
