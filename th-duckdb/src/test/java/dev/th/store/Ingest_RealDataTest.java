package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files of ../shared/data through the whole pipeline (Sources → readers → Normalizer →
 * DuckDB), checked against reference-counts.json by querying the store.
 */
class Ingest_RealDataTest {
    @TempDir
    Path dir;

    static IngestReport ingest(DuckDbStore store, List<Path> paths) {
        try (Ingest ingest = Ingest.into(store, "default")) {
            return ingest.run(paths, new Sources(), Readers.defaults());
        }
    }

    static Map<String, Long> storedByEventId(DuckDbStore store, String hash) throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT Channel || '|' || EventId, count(*) FROM events WHERE SourceHash = ? AND NOT Recovered GROUP BY 1")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return m;
    }

    /** The live records per Channel|EventID: all of them less the recovered ones. */
    private static Map<String, Long> live(Map<String, Long> all, Map<String, Long> recovered) {
        Map<String, Long> out = new java.util.TreeMap<>(all);
        recovered.forEach((k, v) -> out.computeIfPresent(k, (x, n) -> n - v == 0 ? null : n - v));
        return out;
    }

    static long count(DuckDbStore store, String sql) throws SQLException {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void everyReferenceEvtxIsStoredWithItsCountsAndASecondIngestStoresNothing() throws Exception {
        Map<String, JsonNode> ref = ReferenceCounts.load().evtx();
        List<Path> paths = new ArrayList<>();
        Map<String, JsonNode> byPath = new HashMap<>();
        long totalRecords = 0;
        Map<String, Long> distinctHashRecords = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : ref.entrySet()) {
            Path p = ReferenceCounts.data(e.getKey());
            paths.add(p);
            byPath.put(p.toString(), e.getValue());
            totalRecords += e.getValue().get("records").asLong();
            distinctHashRecords.put(e.getValue().get("sha256").asText(), e.getValue().get("records").asLong());
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            IngestReport first = ingest(store, paths);
            assertEquals(ref.size(), first.files().size());
            for (InputReport f : first.files()) {
                JsonNode expected = byPath.get(f.path());
                assertEquals(expected.get("sha256").asText(), f.contentHash(), f.path());
                assertEquals(expected.get("records").asLong(), f.read() - f.recovered(), f.path());
                assertEquals(0, f.rejected(), () -> f.path() + " " + f.errors());
                assertEquals(ReferenceCounts.byChannelEventId(expected), live(f.byEventId(), f.recoveredByEventId()), f.path());
                assertEquals(ReferenceCounts.byChannelEventId(expected), storedByEventId(store, f.contentHash()), f.path());
            }
            // two reference files have the same content: the second is all duplicates
            long distinct = distinctHashRecords.values().stream().mapToLong(Long::longValue).sum();
            long recovered = count(store, "SELECT count(*) FROM events WHERE Recovered");
            assertEquals(distinct + recovered, first.stored());
            assertEquals(distinct, count(store, "SELECT count(*) FROM events WHERE NOT Recovered"));
            assertTrue(first.allRead());

            IngestReport second = ingest(store, paths);
            assertEquals(0, second.stored());
            assertEquals(first.read(), second.read());
            for (InputReport f : second.files()) {
                assertEquals(f.read(), f.duplicates(), f.path());
            }
            assertEquals(distinct + recovered, count(store, "SELECT count(*) FROM events"));
        }
    }

    @Test
    void theOtrfZipsLoadWithTheirCounts() throws Exception {
        Map<String, JsonNode> ref = ReferenceCounts.load().zips();
        List<Path> paths = new ArrayList<>();
        for (String zip : ref.keySet()) {
            paths.add(ReferenceCounts.data(zip));
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            IngestReport r = ingest(store, paths);
            int i = 0;
            for (Map.Entry<String, JsonNode> zip : ref.entrySet()) {
                for (JsonNode member : zip.getValue().get("members")) {
                    InputReport f = r.files().get(i++);
                    String name = ReferenceCounts.data(zip.getKey()) + "!/" + member.get("name").asText();
                    assertEquals(name, f.path());
                    assertEquals(member.get("events").asLong(), f.read(), name);
                    assertEquals(member.get("events").asLong(), f.stored(), () -> name + " " + f.errors());
                    assertEquals(ReferenceCounts.byChannelEventId(member), storedByEventId(store, f.contentHash()), name);
                }
            }
            assertEquals(i, r.files().size());
        }
    }
}
