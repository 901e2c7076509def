package dev.loupe.engine.features.cluster;

/**
 * The Parquet table of features a cluster job writes ({@code loupe-spark features}) and {@code loupe features
 * import} reads: one row per file. Both sides use these names, so they cannot drift apart.
 */
public final class FeatureColumns {

    /** Version of this table's layout, written in every row; a reader refuses a version it does not know. */
    public static final int FORMAT_VERSION = 1;

    /** The file as the cluster read it (a Hadoop URI). */
    public static final String PATH = "path";
    /** SHA-256 of the file's bytes, hex: the catalogue's key. */
    public static final String CONTENT_HASH = "content_hash";
    /** The backbone's id, e.g. {@code mobilenet-v1-0.75}. */
    public static final String BACKBONE = "backbone";
    /** The backbone's preprocessing version the pixels were prepared with. */
    public static final String PREPROCESSING = "preprocessing";
    /** The feature vector (array of float), null for a file that could not be used. */
    public static final String FEATURES = "features";
    /** Why the file could not be used, null for one that was. */
    public static final String ERROR = "error";
    /** {@link #FORMAT_VERSION}. */
    public static final String VERSION = "format_version";

    private FeatureColumns() {
    }
}
