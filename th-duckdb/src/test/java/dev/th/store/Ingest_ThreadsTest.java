package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks decoded in parallel, the store's order deterministic: the same real inputs (EVTX files,
 * a copy of one with a damaged chunk and a damaged record, a zipped JSON-lines export) ingested
 * with TH's rule pack on 0, 1, 2 and 5 decoding threads give the same rows in the same order, the
 * same reports and the same IoAs; the counts are python-evtx's.
 */
class Ingest_ThreadsTest {
    private static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final String OTRF = "otrf/psh_lsass_memory_dump_comsvcs.zip";

    @TempDir
    Path dir;

    private record Run(IngestReport report, List<String> events, List<String> ioas) {
    }

    @Test
    void everyThreadCountStoresTheSameRowsInTheSameOrder() throws Exception {
        Path samples = SharedData.require("evtx/evtx-attack-samples");
        Path otrf = SharedData.require(OTRF);
        Path panache = SharedData.require(PANACHE);
        Map<String, JsonNode> ref = ReferenceCounts.load().evtx();
        long expected = 0;
        for (Map.Entry<String, JsonNode> e : ref.entrySet()) {
            if (e.getKey().startsWith("evtx/evtx-attack-samples/")) {
                expected += e.getValue().get("records").asLong();
            }
        }
        long otrfEvents = ReferenceCounts.load().zips().get(OTRF).get("members").get(0).get("events").asLong();
        Path damaged = damagedCopy(panache);
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        List<Path> inputs = List.of(samples, damaged, otrf);

        Run base = run(0, inputs, pack);
        InputReport panacheReport = report(base.report(), "PanacheSysmon");
        assertEquals(565, panacheReport.stored(), "python-evtx reads 565 records");
        // the reference counts are of live records; records carved from slack come on top
        InputReport damagedBase = report(base.report(), "damaged");
        long live = base.report().read() - base.report().recovered() - (damagedBase.read() - damagedBase.recovered());
        assertEquals(expected + otrfEvents, live);
        InputReport damagedReport = report(base.report(), "damaged");
        assertTrue(damagedReport.rejected() > 0, "the damaged chunk and record are rejected");
        assertEquals(damagedReport.read(), damagedReport.stored() + damagedReport.rejected() + damagedReport.duplicates());
        assertFalse(base.ioas().isEmpty(), "TH's pack finds IoAs in the attack samples");
        assertEquals(base.report().stored(), base.events().size());

        for (int threads : new int[] {1, 2, 5}) {
            Run other = run(threads, inputs, pack);
            assertEquals(base.events(), other.events(), "rows and their order with " + threads + " threads");
            assertEquals(base.ioas(), other.ioas(), "IoAs with " + threads + " threads");
            assertEquals(base.report().files(), other.report().files(), "reports with " + threads + " threads");
        }
    }

    private Run run(int threads, List<Path> inputs, RuleSet pack) throws Exception {
        Path d = dir.resolve("t" + threads);
        try (DuckDbStore store = DuckDbStore.open(d)) {
            IngestReport report;
            try (Ingest ingest = Ingest.into(store, "default", threads)) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                report = ingest.run(inputs, new Sources(dir), Readers.defaults());
                hunting.finish();
            }
            return new Run(report, rows(store, "SELECT * FROM events ORDER BY rowid"),
                    rows(store, "SELECT * EXCLUDE (timeStamp) FROM ioas ORDER BY id"));
        }
    }

    private static InputReport report(IngestReport r, String nameContains) {
        return r.files().stream().filter(f -> f.path().contains(nameContains)).findFirst().orElseThrow();
    }

    /** Every row of {@code sql}, each as one string of its values. */
    static List<String> rows(DuckDbStore store, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('\u0001');
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /**
     * PanacheSysmon with chunk 3's signature overwritten (the chunk is rejected whole) and the
     * size of the first record of chunk 7 broken (that record is rejected, the rest of its chunk
     * read on).
     */
    private Path damagedCopy(Path panache) throws Exception {
        byte[] b = Files.readAllBytes(panache);
        int chunk3 = 4096 + 3 * 65536;
        b[chunk3] = 'X';
        int record = 4096 + 7 * 65536 + 512;
        b[record + 4] = (byte) 0xff;
        b[record + 5] = (byte) 0xff;
        Path out = dir.resolve("damaged-panache.evtx");
        Files.write(out, b);
        return out;
    }
}
