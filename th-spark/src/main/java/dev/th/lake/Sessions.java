package dev.th.lake;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session of this JVM: master from {@code -Dth.spark.master} (default
 * {@code local[2]}), UTC, java.time values. Engines take a new session of it (their own temporary
 * views, the same executors).
 */
final class Sessions {
    private static SparkSession root;

    private Sessions() {
    }

    static synchronized SparkSession fresh() {
        if (root == null) {
            root = SparkSession.builder()
                    .appName("th")
                    .master(System.getProperty("th.spark.master", "local[2]"))
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", System.getProperty("th.spark.host", "127.0.0.1"))
                    .config("spark.driver.bindAddress", System.getProperty("th.spark.host", "127.0.0.1"))
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.datetime.java8API.enabled", "true")
                    .config("spark.sql.shuffle.partitions", System.getProperty("th.spark.shuffle", "4"))
                    .config("spark.sql.ansi.enabled", "false")
                    .config("spark.sql.debug.maxToStringFields", "1000")
                    .getOrCreate();
            root.sparkContext().setLogLevel(System.getProperty("th.spark.log", "WARN"));
        }
        return root.newSession();
    }
}
