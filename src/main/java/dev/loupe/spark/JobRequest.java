package dev.loupe.spark;

import dev.loupe.engine.features.Device;

/**
 * What a cluster job is asked to do.
 *
 * @param input      any Hadoop path or glob of photos
 * @param output     the folder to write; it must not exist yet
 * @param device     where ONNX Runtime runs the network on the executors
 * @param partitions how many tasks to split the files into, or null for Spark's own split (about 128 MB of files
 *                   per task, and at least one task per core)
 */
record JobRequest(String input, String output, Device device, Integer partitions) {
}
