package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th ingest} as a user runs it: exit codes 0/2/1, the JSON report's shape and invariant,
 * and damaged copies of a real file (565 records in chunks of 64 KiB after a 4 KiB header) that
 * lose only their damaged part.
 */
class IngestCommandTest {
    private static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final String RUNAS = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode reference(String relative) throws IOException {
        return JSON.readTree(SharedData.require("reference-counts.json").toFile()).get("evtx").get(relative);
    }

    private static long count(Path db, String sql) throws SQLException {
        return StoreSql.count(db, sql);
    }

    /** The offsets of every record of the intact file, read from the store of an intact ingest. */
    private static List<Long> recordOffsets(Path db) throws SQLException {
        return StoreSql.longs(db, "SELECT SourceOffset FROM events WHERE NOT Recovered ORDER BY SourceOffset");
    }

    private static JsonNode checkedReport(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        assertEquals(Set.of("files"), names(root));
        for (JsonNode f : root.get("files")) {
            assertEquals(Set.of("path", "read", "stored", "rejected", "duplicates", "byEventId", "recovered", "recoveredByEventId",
                    "errors"), names(f));
            assertTrue(f.get("recovered").asLong() <= f.get("read").asLong(), f.toString());
            assertEquals(f.get("read").asLong(),
                    f.get("stored").asLong() + f.get("rejected").asLong() + f.get("duplicates").asLong(), f.toString());
            for (JsonNode e : f.get("errors")) {
                assertEquals(Set.of("offset", "reason"), names(e));
                assertTrue(e.get("offset").isIntegralNumber());
                assertFalse(e.get("reason").asText().isBlank());
            }
            f.get("byEventId").fields().forEachRemaining(e -> {
                assertTrue(e.getKey().matches("[^|]+\\|\\d+"), e.getKey());
                assertTrue(e.getValue().isIntegralNumber());
            });
        }
        return root;
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            s.add(it.next());
        }
        return s;
    }

    @Test
    void allReadExitsZeroAndTheReportHasTheReferenceCounts() throws Exception {
        Path runas = SharedData.require(RUNAS);
        Path report = dir.resolve("report.json");
        Run run = Run.th("ingest", "--db", dir.resolve("db").toString(), "--client", "acme", "--report", report.toString(),
                runas.toString());
        assertEquals(0, run.exit(), run::toString);
        // 9 live records (python-evtx), 117 recovered ones in the chunk's slack space (libevtx's evtxinfo; all decode)
        assertTrue(run.out().contains("126 records read, 126 stored, 0 rejected, 0 duplicates"), run::toString);
        assertTrue(run.out().contains("117 were recovered records"), run::toString);
        JsonNode f = checkedReport(report).get("files").get(0);
        JsonNode ref = reference(RUNAS);
        assertEquals(runas.toString(), f.get("path").asText());
        assertEquals(117, f.get("recovered").asLong());
        assertEquals(ref.get("records").asLong() + 117, f.get("stored").asLong());
        JsonNode byId = f.get("byEventId").deepCopy();
        f.get("recoveredByEventId").fields().forEachRemaining(e -> {
            long live = byId.get(e.getKey()).asLong() - e.getValue().asLong();
            if (live == 0) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) byId).remove(e.getKey());
            } else {
                ((com.fasterxml.jackson.databind.node.ObjectNode) byId).put(e.getKey(), live);
            }
        });
        assertEquals(ref.get("by_channel_eventid"), byId, "the live records per Channel|EventID");
        assertEquals(9, count(dir.resolve("db"), "SELECT count(*) FROM events WHERE ClientId = 'acme' AND NOT Recovered"));
        assertEquals(117, count(dir.resolve("db"), "SELECT count(*) FROM events WHERE ClientId = 'acme' AND Recovered"));

        Run again = Run.th("ingest", "--db", dir.resolve("db").toString(), "--report", report.toString(), runas.toString());
        assertEquals(0, again.exit(), again::toString);
        JsonNode g = checkedReport(report).get("files").get(0);
        assertEquals(126, g.get("duplicates").asLong());
        assertEquals(0, g.get("stored").asLong());
        assertEquals(126, count(dir.resolve("db"), "SELECT count(*) FROM events"));
    }

    @Test
    void damagedCopiesLoseOnlyTheDamagedPartAndTheReportSaysWhere() throws Exception {
        Path intactPath = SharedData.require(PANACHE);
        byte[] intact = Files.readAllBytes(intactPath);
        Path intactDb = dir.resolve("intact");
        assertEquals(0, Run.th("ingest", "--db", intactDb.toString(), intactPath.toString()).exit());
        List<Long> offsets = recordOffsets(intactDb);
        assertEquals(reference(PANACHE).get("records").asLong(), offsets.size());

        // truncated in the middle of chunk 7: every record that ends before the cut is kept
        int cut = HEADER + 7 * CHUNK + 20_000;
        Path truncated = Files.write(dir.resolve("truncated.evtx"), Arrays.copyOf(intact, cut));
        long whole = offsets.stream().filter(o -> o + recordSize(intact, o) <= cut).count();
        // a record with a broken signature in chunk 3
        long victim = offsets.stream().filter(o -> o > HEADER + 3 * CHUNK).findFirst().orElseThrow();
        byte[] flipped = intact.clone();
        flipped[(int) victim] = 'X';
        Path flippedPath = Files.write(dir.resolve("flipped.evtx"), flipped);
        // a broken chunk header checksum (chunk 2): nothing lost, a warning at the chunk's offset
        byte[] crc = intact.clone();
        crc[HEADER + 2 * CHUNK + 124] ^= 0x5a;
        Path crcPath = Files.write(dir.resolve("crc.evtx"), crc);

        Path db = dir.resolve("db");
        Path report = dir.resolve("damaged.json");
        Run run = Run.th("ingest", "--db", db.toString(), "--report", report.toString(),
                truncated.toString(), flippedPath.toString(), crcPath.toString());
        assertEquals(2, run.exit(), run::toString);
        JsonNode files = checkedReport(report).get("files");

        JsonNode t = files.get(0);
        assertEquals(whole, t.get("stored").asLong(), t::toString);
        assertTrue(t.get("rejected").asLong() >= 1, t::toString);
        long at = t.get("errors").get(0).get("offset").asLong();
        assertTrue(at >= HEADER + 7 * CHUNK && at < cut, t::toString);

        JsonNode f = files.get(1);
        assertEquals(offsets.size() - 1, f.get("stored").asLong(), f::toString);
        assertEquals(1, f.get("rejected").asLong());
        assertEquals(victim, f.get("errors").get(0).get("offset").asLong(), f::toString);

        JsonNode c = files.get(2);
        assertEquals(offsets.size(), c.get("stored").asLong(), c::toString);
        assertEquals(0, c.get("rejected").asLong());
        assertEquals(HEADER + 2 * CHUNK, c.get("errors").get(0).get("offset").asLong(), c::toString);
        assertTrue(c.get("errors").get(0).get("reason").asText().startsWith("warning"), c::toString);

        assertEquals(whole + offsets.size() - 1 + offsets.size(), count(db, "SELECT count(*) FROM events"));
        assertTrue(run.out().contains("at offset " + victim), run::toString);
    }

    private static long recordSize(byte[] file, long offset) {
        return ByteBuffer.wrap(file, (int) offset + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void aChunkChecksumWarningAloneExitsZero() throws Exception {
        byte[] crc = Files.readAllBytes(SharedData.require(RUNAS));
        crc[HEADER + 124] ^= 0x5a;
        Path p = Files.write(dir.resolve("crc.evtx"), crc);
        Run run = Run.th("ingest", "--db", dir.resolve("db").toString(), p.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("warning (no record lost)"), run::toString);
    }

    @Test
    void aMissingOrUnknownInputExitsTwoAndTheRestIsStored() throws Exception {
        Path runas = SharedData.require(RUNAS);
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a log\n");
        Path report = dir.resolve("r.json");
        Run run = Run.th("ingest", "--db", dir.resolve("db").toString(), "--report", report.toString(),
                dir.resolve("missing.evtx").toString(), text.toString(), runas.toString());
        assertEquals(2, run.exit(), run::toString);
        JsonNode files = checkedReport(report).get("files");
        assertEquals(3, files.size());
        assertTrue(files.get(0).get("errors").get(0).get("reason").asText().contains("no such file"), files::toString);
        assertEquals(1, files.get(1).get("errors").size(), files::toString);
        assertEquals(9 + 117, files.get(2).get("stored").asLong(), "9 live records and 117 recovered ones");
        assertEquals(9 + 117, count(dir.resolve("db"), "SELECT count(*) FROM events"));
    }

    @Test
    void failuresExitOneWithOneLine() throws Exception {
        Path runas = SharedData.require(RUNAS);
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        Run run = Run.th("ingest", "--db", notADir.toString(), runas.toString());
        assertEquals(1, run.exit(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().contains("is a file, not a directory"), run::toString);

        Run noPath = Run.th("ingest", "--db", dir.toString());
        assertEquals(1, noPath.exit(), noPath::toString);
        assertEquals(1, noPath.err().strip().lines().count(), noPath::toString);

        Run badOption = Run.th("ingest", "--nope", runas.toString());
        assertEquals(1, badOption.exit(), badOption::toString);
        assertFalse(badOption.err().contains("Exception"), badOption::toString);
    }
}
