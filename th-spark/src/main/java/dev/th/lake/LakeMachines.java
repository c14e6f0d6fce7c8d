package dev.th.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The lake's {@code machines} table, made with Spark SQL over every event of the lake (one row per
 * client and Muid: first name, first and last event, count, every name), as the embedded store's
 * machines table is made from its events.
 */
final class LakeMachines {
    static final String TABLE = "machines";
    private static final List<String> COLUMNS = List.of("ClientId", "Muid", "MachineName", "FirstSeen", "LastSeen", "Events", "Names");
    private static final List<String> TYPES = List.of("VARCHAR", "VARCHAR", "VARCHAR", "TIMESTAMP", "TIMESTAMP", "BIGINT", "VARCHAR");
    private static final String AGGREGATE = "SELECT ClientId, Muid, min(MachineName) AS MachineName, min(DateTime) AS FirstSeen, "
            + "max(DateTime) AS LastSeen, count(*) AS Events, array_join(array_sort(collect_set(MachineName)), ', ') AS Names "
            + "FROM th_lake_events GROUP BY ClientId, Muid";

    private LakeMachines() {
    }

    /** Writes the table from {@code events} into {@code machines/<run>/} (partitioned by ClientId); its lake entry. */
    static Lake.Table write(SparkSession root, Path lake, Lake.Table events, String run) {
        SparkSession spark = root.newSession();
        SparkEngine.read(spark, lake, events).createOrReplaceTempView("th_lake_events");
        String dir = TABLE + "/" + run;
        Path staged = lake.resolve(LakeIngest.STAGING).resolve(run).resolve(TABLE);
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> df = spark.sql(AGGREGATE);
        df.write().partitionBy("ClientId").option("compression", "zstd").parquet(staged.toAbsolutePath().toString());
        long rows = spark.read().parquet(staged.toAbsolutePath().toString()).count();
        try {
            Files.createDirectories(lake.resolve(TABLE));
            Files.move(staged, lake.resolve(dir), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the machines table into " + lake, e);
        }
        return new Lake.Table(TABLE, dir, COLUMNS, TYPES, rows, "ingest-" + rows + "-" + run);
    }
}
