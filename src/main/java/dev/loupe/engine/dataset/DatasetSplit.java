package dev.loupe.engine.dataset;

/**
 * The train/validation split of TensorFlow's retrain.py, keyed on content: an image goes to validation when its
 * content hash, read as a number, falls in the first {@code validationPercent} of the range. The same image is on the
 * same side on every machine and in every run, and adding images never moves the others.
 */
public final class DatasetSplit {

    private DatasetSplit() {
    }

    /**
     * @param contentHash hex SHA-256 of the file's bytes
     * @param validationPercent 0..100
     */
    public static boolean isValidation(String contentHash, double validationPercent) {
        long bucket = Long.parseUnsignedLong(contentHash.substring(0, 12), 16) % 10_000;
        return bucket < Math.round(validationPercent * 100);
    }
}
