package dev.loupe.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark session inside the test JVM for every local-mode test, {@code local[2]}: two executor threads, no web
 * UI, loopback only. Shared because starting one costs seconds; Spark's own shutdown hook stops it.
 */
final class LocalSpark {

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("loupe-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }
}
