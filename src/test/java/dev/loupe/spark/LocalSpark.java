package dev.loupe.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One Spark session inside the test JVM for every local-mode test, {@code local[2]}: two executor threads, no web
 * UI, loopback only. Shared because starting one costs seconds; Spark's own shutdown hook stops it. The driver waits
 * 10 minutes for the executor's heartbeats, not 2: when the machine stalled for 125 s under memory pressure (a CI run
 * beside a 60,000-photo fine-tune, 2026-12-04), the executor gave up and called System.exit in the test JVM, which
 * failed every test left in it.
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
                .config("spark.network.timeout", "600s")
                .config("spark.executor.heartbeat.maxFailures", "600")
                .getOrCreate();
    }
}
