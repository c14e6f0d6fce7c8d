package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.ingest.Sources;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th quickstart} and {@code th machines} on a temporary store: the samples shipped in
 * samples/ are copies of files of reference-counts.json, so their stored counts are known.
 */
@ExtendWith(ThHome.class)
class QuickstartCommandTest {
    @TempDir
    Path dir;

    private static long liveFromHash(Path db, String hash) throws SQLException {
        return StoreSql.count(db, "SELECT count(*) FROM events WHERE SourceHash = ? AND NOT Recovered", hash);
    }

    /** Records of a sample according to reference-counts.json, found by the sample's SHA-256. */
    private static long referenceRecords(JsonNode group, String sha256, String countField) {
        for (JsonNode entry : group) {
            if (entry.get("sha256").asText().equals(sha256)) {
                if (entry.has("members")) {
                    long n = 0;
                    for (JsonNode m : entry.get("members")) {
                        n += m.get(countField).asLong();
                    }
                    return n;
                }
                return entry.get(countField).asLong();
            }
        }
        throw new AssertionError("sample with SHA-256 " + sha256 + " is not in reference-counts.json");
    }

    @Test
    void quickstartStoresTheSamplesRecordCountsAndListsTheMachines() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile());
        Path db = dir.resolve("db");
        Run run = Run.th("quickstart", "--no-geoip", "--db", db.toString());
        assertEquals(0, run.exit(), run::toString);

        long expectedTotal = 0;
        for (Path sample : files(QuickstartCommand.samples().resolve("evtx"))) {
            long records = referenceRecords(ref.get("evtx"), Sources.sha256(sample), "records");
            expectedTotal += records;
        }
        long zipEvents = 0;
        for (Path sample : files(QuickstartCommand.samples().resolve("json"))) {
            zipEvents += referenceRecords(ref.get("otrf_json_zips"), Sources.sha256(sample), "events");
        }
        expectedTotal += zipEvents;
        // the two EVTX samples also hold 3 + 117 older records in their chunks' slack space
        // (libevtx's evtxinfo: "Number of recovered records"), stored flagged Recovered
        long recovered = 3 + 117;
        expectedTotal += recovered;
        assertTrue(run.out().contains(expectedTotal + " records read, " + expectedTotal + " stored, 0 rejected"), run::toString);
        assertEquals(recovered, StoreSql.count(db, "SELECT count(*) FROM events WHERE Recovered"));
        for (Path sample : files(QuickstartCommand.samples().resolve("evtx"))) {
            assertEquals(referenceRecords(ref.get("evtx"), Sources.sha256(sample), "records"),
                    liveFromHash(db, Sources.sha256(sample)), sample.toString());
        }
        assertTrue(run.out().contains("Machines:"), run::toString);
        String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
        Path report = db.resolve(QuickstartCommand.REPORT).toAbsolutePath();
        assertTrue(last.startsWith("Report (open it in a browser; it needs no network): " + report + " ("), last);
        assertEquals(3, PageSpec.part(PageSpec.of(report), "Machines").get("table").get("rows").size(), "the report lists the 3 sample machines");

        // machines: the two EVTX samples come from two hosts (hand-checked: 15 and 9 live records, and
        // 3 and 117 recovered ones), the two OTRF zips from one (184 + 692 events)
        Run csv = Run.th("machines", "--db", db.toString(), "--format", "csv");
        assertEquals(0, csv.exit(), csv::toString);
        List<String> lines = csv.out().lines().toList();
        assertEquals("Muid,MachineName,ClientId,FirstSeen,LastSeen,Events,Names", lines.get(0));
        assertEquals(4, lines.size(), csv::toString);
        assertTrue(lines.contains(row("FS03.offsec.lan", 9 + 117, lines)), csv::toString);
        assertTrue(lines.contains(row("fs03vuln.offsec.lan", 15 + 3, lines)), csv::toString);
        assertTrue(lines.contains(row("WORKSTATION5", zipEvents, lines)), csv::toString);
        assertEquals(expectedTotal, lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[5])).sum());

        Run again = Run.th("quickstart", "--no-geoip", "--db", db.toString());
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains(expectedTotal + " records read, 0 stored, 0 rejected, " + expectedTotal + " duplicates"),
                again::toString);
    }

    /** The CSV line of machine {@code name}, checked to end with its event count. */
    private static String row(String name, long events, List<String> lines) {
        return lines.stream().filter(l -> l.split(",")[1].equals(name) && l.split(",")[5].equals(Long.toString(events))).findFirst()
                .orElse("<no row for " + name + " with " + events + " events>");
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }

    @Test
    void machinesWithoutAStoreSaysWhatToDo() {
        Run run = Run.th("machines", "--db", dir.resolve("none").toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("th ingest"), run::toString);
    }
}
