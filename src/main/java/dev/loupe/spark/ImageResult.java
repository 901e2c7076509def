package dev.loupe.spark;

/**
 * What a network made of one file: its output (features or probabilities), or why the file could not be used.
 *
 * @param path   the file's path as Spark read it (a Hadoop URI, e.g. {@code hdfs://nn/photos/roses/1.jpg})
 * @param hash   SHA-256 of the file's bytes: the catalogue's key, so the desktop finds its own copy of the photo
 * @param output the network's floats, or null when {@code error} says why there are none
 */
record ImageResult(String path, String hash, float[] output, String error) {
}
