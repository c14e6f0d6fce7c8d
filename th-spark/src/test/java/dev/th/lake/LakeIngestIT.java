package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code th lake ingest} as a Spark job on this JVM's session (local[2,3]: a task may be tried
 * three times): a large EVTX file cut into chunk ranges and two zipped JSON datasets, with the
 * first attempt of two tasks failing after staging their files. The counts must be the reference
 * counts (python3-evtx and the zips' line counts), with no record twice; a second ingest stores
 * nothing; questions on the ingested lake answer as on a DuckDB store ingested from the same files.
 */
class LakeIngestIT {
    static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    static final String LSASS = "otrf/psh_lsass_memory_dump_comsvcs.zip";
    static final String PURPLE = "otrf/purplesharp_pe_injection_createremotethread.zip";
    static JsonNode ref;

    @BeforeAll
    static void reference() throws Exception {
        ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile());
    }

    static long zipEvents(String zip) {
        return zipEvents(ref, zip);
    }

    /** The events of a zip's members, as reference-counts.json counted them. */
    static long zipEvents(JsonNode ref, String zip) {
        long n = 0;
        for (JsonNode m : ref.path("otrf_json_zips").path(zip).path("members")) {
            n += m.path("events").asLong();
        }
        return n;
    }

    @Test
    void aRetriedTaskStoresNothingTwiceAndTheCountsAreTheReferenceCounts() throws Exception {
        Path lake = Files.createTempDirectory("th-lake-ingest");
        Path evtx = SharedData.require(PANACHE);
        long chunks = ChunkRange.chunks(Files.size(evtx));
        assertTrue(chunks > 8, "the EVTX file spans " + chunks + " chunks");
        List<Path> inputs = List.of(evtx, SharedData.require(LSASS), SharedData.require(PURPLE));
        LakeIngest.Options options = LakeIngest.Options.of("acme").chunksPerTask(4).failFirstAttempt(Set.of(1, 3));
        LakeIngest.Result r = LakeIngest.run(lake, inputs, options);

        long units = (chunks + 3) / 4 + 2;
        assertEquals(units, r.units(), "one task per 4 chunks of the EVTX file, one per zip");
        long records = ref.path("evtx").path(PANACHE).path("records").asLong();
        long expected = records + zipEvents(LSASS) + zipEvents(PURPLE);
        assertEquals(expected, r.report().stored(), r.report().files().toString());
        assertEquals(0, r.report().rejected());
        assertEquals(2, r.retried(), "the two tasks made to fail were retried, their second attempts committed");

        SparkSession spark = Sessions.fresh();
        Map<String, Lake.Table> tables = Lake.latest(lake);
        SparkEngine.read(spark, lake, tables.get("events")).createOrReplaceTempView("ev");
        assertEquals(expected, spark.sql("SELECT count(*) FROM ev").first().getLong(0), "every event once in the lake");
        assertEquals(0, spark.sql("SELECT SourceHash, Channel, RecordId FROM ev GROUP BY 1, 2, 3 HAVING count(*) > 1").count(),
                "no record twice although two tasks ran twice");
        // the EVTX file's events per Channel|EventID, as python3-evtx counted them
        Map<String, Long> byId = new HashMap<>();
        for (Row row : spark.sql("SELECT Channel, EventId, count(*) FROM ev WHERE SourcePath LIKE '%Panache%' GROUP BY 1, 2").collectAsList()) {
            byId.put(row.getString(0) + "|" + row.get(1), row.getLong(2));
        }
        Map<String, Long> want = new HashMap<>();
        ref.path("evtx").path(PANACHE).path("by_channel_eventid").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asLong()));
        assertEquals(want, byId);
        assertEquals(3, tables.get("inputs").rows(), "one inputs row per input, the EVTX file's ranges merged");
        Row panache = SparkEngine.read(spark, lake, tables.get("inputs")).where("Path LIKE '%Panache%'").first();
        assertEquals(records, panache.<Long>getAs("Stored"));
        assertTrue(Files.notExists(lake.resolve(LakeIngest.STAGING)) || Files.list(lake.resolve(LakeIngest.STAGING)).findAny().isEmpty(),
                "no staged file left");

        int version = Lake.latestVersion(lake);
        LakeIngest.Result again = LakeIngest.run(lake, inputs, options);
        assertEquals(version, again.version(), "a second ingest commits nothing");
        assertEquals(0, again.report().stored());
        assertEquals(r.report().read(), again.report().duplicates(), "every record of the second ingest a duplicate (read: with those repeated inside a file)");
        assertEquals(r.report().read(), again.report().read());
        SparkEngine.read(spark, lake, Lake.latest(lake).get("events")).createOrReplaceTempView("ev");
        assertEquals(expected, spark.sql("SELECT count(*) FROM ev").first().getLong(0));
    }

    @Test
    void questionsOnTheIngestedLakeAnswerAsOnTheEmbeddedStore() throws Exception {
        Path store = OtrfStore.make("th-lake-ingest-store");
        Path lake = Files.createTempDirectory("th-lake-ingested");
        LakeIngest.Result r = LakeIngest.run(lake, List.of(SharedData.require(PURPLE), SharedData.require(LSASS)),
                LakeIngest.Options.of("default"));
        assertEquals(zipEvents(LSASS) + zipEvents(PURPLE), r.report().stored());
        same(store, lake, "machines", th -> th.machines().frame());
        same(store, lake, "executions", th -> LakeIT.firstMachine(th).executions().fetch().frame());
        same(store, lake, "processes", th -> LakeIT.firstMachine(th).processes().fetch().frame());
        same(store, lake, "registry", th -> LakeIT.firstMachine(th).registry().fetch().frame());
    }

    static void same(Path store, Path lake, String what, Function<TH, DataFrame> question) {
        try (TH duck = TH.open(store, LakeIT.CLOCK).defaultPeriod(TimePeriod.all());
                TH spark = TH.open(lake, LakeIT.CLOCK).defaultPeriod(TimePeriod.all())) {
            List<String> a = LakeIT.rows(question.apply(duck));
            List<String> b = LakeIT.rows(question.apply(spark));
            assertFalse(a.isEmpty(), what + ": the DuckDB answer is empty, nothing compared");
            assertEquals(a.size(), b.size(), what + ": another row count on the ingested lake");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i), b.get(i), what + ": row " + i + " differs on the ingested lake");
            }
        }
    }
}
