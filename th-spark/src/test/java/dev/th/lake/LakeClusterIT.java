package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code th lake ingest} across process boundaries: Spark's {@code local-cluster} mode (a master
 * and two workers in this JVM, each starting its executor as a separate JVM from
 * {@code SPARK_HOME/jars}, which the build fills with th-spark's dependencies; failsafe's
 * {@code cluster} execution sets the master, SPARK_HOME and the executors' class path). The tasks'
 * closures are serialized to the executors, which run the embedded ingest there; one task's first
 * attempt fails in its executor after staging its files. The lake's Parquet files, read by DuckDB
 * (not by Spark), hold the reference counts, no record twice.
 */
class LakeClusterIT {
    static final String PANACHE = LakeIngestIT.PANACHE;

    @Test
    void theIngestRunsInExecutorProcessesAndStoresTheReferenceCounts() throws Exception {
        String master = System.getProperty("th.spark.master", "local[2]");
        Assumptions.assumeTrue(master.startsWith("local-cluster"), "LakeClusterIT runs in failsafe's cluster execution (local-cluster), not on " + master);
        SparkSession spark = Sessions.fresh();   // the executors start while the inputs are listed
        try {
            ingestAndCheck();
        } finally {
            spark.stop();   // executors and workers end before the JVM does (no shutdown-hook noise); one session per JVM here
        }
    }

    private static void ingestAndCheck() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile());
        Path lake = Files.createTempDirectory("th-lake-cluster");
        Path evtx = SharedData.require(PANACHE);
        List<Path> inputs = List.of(evtx, SharedData.require(LakeIngestIT.LSASS));
        long chunksPerTask = (ChunkRange.chunks(Files.size(evtx)) + 1) / 2;   // the EVTX file in two ranges
        LakeIngest.Result r = LakeIngest.run(lake, inputs, LakeIngest.Options.of("acme").chunksPerTask((int) chunksPerTask)
                .failFirstAttempt(Set.of(1)));

        assertEquals(3, r.units(), "two ranges of the EVTX file and the zip");
        long records = ref.path("evtx").path(PANACHE).path("records").asLong();
        long expected = records + LakeIngestIT.zipEvents(ref, LakeIngestIT.LSASS);
        assertEquals(expected, r.report().stored(), r.report().files().toString());
        assertEquals(0, r.report().rejected());
        assertEquals(1, r.retried(), "the task made to fail in its executor was retried");
        long driver = ProcessHandle.current().pid();
        assertFalse(r.processes().isEmpty());
        assertFalse(r.processes().contains(driver), "tasks ran in executor processes " + r.processes() + ", not the driver " + driver);
        for (long pid : r.processes()) {
            String command = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("(process " + pid + " not seen)");
            assertTrue(command.contains("CoarseGrainedExecutorBackend"), "process " + pid + " is an executor JVM: " + command);
        }

        String files = Lake.latest(lake).get("events").dirs(lake).stream().map(d -> "'" + d + "/**/*.parquet'")
                .collect(Collectors.joining(", ", "read_parquet([", "], hive_partitioning = true)"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            assertEquals(expected, one(st, "SELECT count(*) FROM " + files), "every event once in the lake's files");
            assertEquals(0, one(st, "SELECT count(*) FROM (SELECT SourceHash, Channel, RecordId FROM " + files
                    + " GROUP BY ALL HAVING count(*) > 1)"), "no record twice although a task ran twice");
            Map<String, Long> byId = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT Channel || '|' || EventId, count(*) FROM " + files
                    + " WHERE SourcePath LIKE '%Panache%' GROUP BY 1")) {
                while (rs.next()) {
                    byId.put(rs.getString(1), rs.getLong(2));
                }
            }
            Map<String, Long> want = new HashMap<>();
            ref.path("evtx").path(PANACHE).path("by_channel_eventid").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asLong()));
            assertEquals(want, byId, "the EVTX file's events per Channel|EventID, as python3-evtx counted them");
        }
        assertTrue(Files.notExists(lake.resolve(LakeIngest.STAGING))
                || Files.list(lake.resolve(LakeIngest.STAGING)).findAny().isEmpty(), "no staged file left (the failed attempt's included)");
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
