/**
 * Loupe on Apache Spark: {@code features} and {@code classify} over photos at any Hadoop path, for collections past
 * one machine (docs/scaling.md). The same engine code as the studio decodes the images and runs the networks; Spark
 * reads the files ({@code binaryFile}), sends the ONNX network to the executors (a broadcast), schedules the work
 * and writes Parquet. Compiled against Spark as a {@code provided} library: the desktop never loads this package, and
 * spark-submit runs it from {@code target/loupe-spark.jar} ({@code -Pspark-app}).
 */
package dev.loupe.spark;
