package dev.th.lake;

import dev.th.store.link.Sightings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lake's tables made from every event, with Spark SQL, as the embedded store makes them from
 * its events: {@code machines} (one row per client and Muid: first name, first and last event,
 * count, every name) and {@code sightings} (when each file was first seen on each machine, which
 * a question's FreshUnknown reads; the store's own SQL).
 */
final class LakeDerived {
    /** One derived table: its SQL over the view {@code events}, columns and store types. */
    private record Derived(String table, String sql, List<String> columns, List<String> types, String partition) {
    }

    private static final List<Derived> TABLES = List.of(
            new Derived("machines", "SELECT ClientId, Muid, min(MachineName) AS MachineName, min(DateTime) AS FirstSeen, "
                    + "max(DateTime) AS LastSeen, count(*) AS Events, array_join(array_sort(collect_set(MachineName)), ', ') AS Names "
                    + "FROM events GROUP BY ClientId, Muid",
                    List.of("ClientId", "Muid", "MachineName", "FirstSeen", "LastSeen", "Events", "Names"),
                    List.of("VARCHAR", "VARCHAR", "VARCHAR", "TIMESTAMP", "TIMESTAMP", "BIGINT", "VARCHAR"), "ClientId"),
            new Derived(Sightings.TABLE, Sightings.select("WHERE TRUE"), List.of("Client", "FileKey", "Machine", "FirstSeen"),
                    List.of("VARCHAR", "VARCHAR", "VARCHAR", "TIMESTAMP"), null));

    private LakeDerived() {
    }

    /** Writes every derived table from {@code events} into {@code TABLE/<run>/}; their lake entries. */
    static List<Lake.Table> write(SparkSession root, Path lake, Lake.Table events, String run) {
        SparkSession spark = root.newSession();
        SparkEngine.read(spark, lake, events).createOrReplaceTempView("events");
        List<Lake.Table> out = new ArrayList<>();
        for (Derived d : TABLES) {
            String dir = d.table() + "/" + run;
            Path staged = lake.resolve(LakeIngest.STAGING).resolve(run).resolve(d.table()).toAbsolutePath();
            DataFrameWriter<Row> w = spark.sql(d.sql()).write().option("compression", "zstd");
            (d.partition() == null ? w : w.partitionBy(d.partition())).parquet(staged.toString());
            long rows = spark.read().parquet(staged.toString()).count();
            try {
                Files.createDirectories(lake.resolve(d.table()));
                Files.move(staged, lake.resolve(dir), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the " + d.table() + " table into " + lake, e);
            }
            out.add(new Lake.Table(d.table(), dir, d.columns(), d.types(), rows, "ingest-" + rows + "-" + run));
        }
        return out;
    }
}
