package dev.loupe.engine.dataset;

import java.nio.file.FileSystemException;

/** A path read from a dataset (or given relative to it) that would lead outside it; see {@link DatasetPaths}. */
public final class OutsideDatasetException extends FileSystemException {

    public OutsideDatasetException(String path, String why) {
        super(path, null, why + ": Loupe only touches files inside the dataset and never follows a link there");
    }
}
