package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th simulate --out DIR} written and ingested again: the events keep the simulated times
 * (Sysmon's own UtcTime agrees with TimeCreated, so no clock shift is taken from it) and the
 * machines of two clients stay apart even when ingested under one client id. With {@code --format
 * evtx}: one EVTX file per machine and channel, the ground truth beside the folder (not in it, so
 * the folder ingests whole), every event stored by {@code th ingest}; bad option combinations are
 * exit 2 with one line saying why.
 */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Times are summed as microseconds after this epoch second (2025-01-01), so the sum fits a long. */
    private static final long BASE = 1_735_689_600L;

    @TempDir
    Path dir;

    @Test
    void ndjsonIngestedAgainKeepsTheSimulatedTimesAndEveryMachine() throws Exception {
        Path logs = dir.resolve("logs");
        Path db = dir.resolve("db");
        Run sim = Run.th("simulate", "--machines", "18", "--days", "2", "--seed", "3", "--per-day", "150",
                "--from", Path.of("..", "samples").toString(), "--out", logs.toString());
        assertEquals(0, sim.exit(), sim::toString);

        // what was written, read with a plain JSON reader: lines, computers, Sysmon's UtcTime against TimeCreated
        long lines = 0;
        long sysmon = 0;
        long micros = 0;
        Set<String> netbios = new HashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(logs)) {
            files = s.filter(p -> p.toString().endsWith(".ndjson")).toList();
        }
        assertEquals(36, files.size(), "one file per machine day");
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f)) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode e = JSON.readTree(line);
                    lines++;
                    String computer = e.get("Computer").asText();
                    netbios.add(computer.substring(0, computer.indexOf('.')).toLowerCase(Locale.ROOT));
                    Instant created = Instant.parse(e.get("TimeCreated").asText());
                    micros += (created.getEpochSecond() - BASE) * 1_000_000L + created.getNano() / 1000;
                    if (e.has("UtcTime")) {
                        Instant utc = LocalDateTime.parse(e.get("UtcTime").asText().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                        assertTrue(Duration.between(utc, created).abs().toSeconds() < 120, // as on the real machines: seconds apart at most
                                f + ": UtcTime " + utc + " is not TimeCreated " + created);
                        sysmon++;
                    }
                }
            }
        }
        assertTrue(sysmon > 0, "the samples replayed hold Sysmon events");
        assertEquals(18, netbios.size(), "no two machines of the fleet share a NetBIOS name: " + netbios);

        // both clients' folders under one client id (the ground-truth file beside them is no log)
        Run ingest = Run.th("ingest", "--db", db.toString(), logs.resolve("acme").toString(), logs.resolve("globex").toString());
        assertEquals(0, ingest.exit(), ingest::toString);
        assertTrue(!ingest.out().contains("clock:"), ingest::toString);
        assertEquals(lines, StoreSql.count(db, "SELECT count(*) FROM events"));
        assertEquals(0, StoreSql.count(db, "SELECT count(*) FROM events WHERE ClockShift IS NOT NULL"));
        // every event at the time its line says (to the microsecond the store keeps): the sum of them all
        assertEquals(micros, StoreSql.count(db, "SELECT CAST(sum(epoch_us(DateTime) - " + BASE + " * CAST(1000000 AS BIGINT)) AS BIGINT) FROM events"));
        assertEquals(18, StoreSql.count(db, "SELECT count(DISTINCT Muid) FROM events"));
        Run machines = Run.th("machines", "--db", db.toString(), "--format", "csv");
        assertEquals(0, machines.exit(), machines::toString);
        assertEquals(19, machines.out().lines().count(), machines::toString);
    }

    @Test
    void writesEvtxPerMachineAndChannelWithItsGroundTruthAndIngestStoresThem() throws Exception {
        Path out = dir.resolve("fleet");
        Run r = Run.th("simulate", "--machines", "10", "--client", "acme", "--days", "1", "--per-day", "60", "--format",
                "evtx", "--from", Path.of("..", "samples").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("EVTX files"), r.toString());
        Path ws = out.resolve("acme").resolve("ACME-WS-0008.acme.local");
        assertTrue(Files.exists(ws.resolve("Microsoft-Windows-Sysmon%4Operational.evtx")), r.toString());
        assertTrue(r.out().contains(dir.resolve("fleet.ground-truth.tsv").toString()), r.toString());
        List<String> truth = Files.readAllLines(dir.resolve("fleet.ground-truth.tsv"));
        assertTrue(truth.get(0).startsWith("chain\tstep\ttechnique\tclient\tmachine\ttime"), truth.get(0));
        assertTrue(truth.size() > 20, "one line per generated event: " + truth.size());
        assertTrue(truth.stream().skip(1).allMatch(l -> l.split("\t")[3].equals("acme")));

        long files;
        try (Stream<Path> s = Files.walk(out)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).count();
        }
        assertTrue(r.out().contains(" in " + files + " EVTX files"), r.toString());
        String events = r.out().substring(r.out().indexOf(": ") + 2, r.out().indexOf(" events in "));
        Run in = Run.th("ingest", "--client", "acme", "--no-hunt", "--db", dir.resolve("db").toString(),
                out.toString());
        assertEquals(0, in.exit(), in.toString());
        assertTrue(in.out().replace(",", "").contains(events.replace(",", "")), "every event written is read: " + events + "\n" + in);
    }

    @Test
    void badFormatsAreExitTwo() {
        Run r = Run.th("simulate", "--format", "xml", "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("ndjson or evtx"), r.toString());
        r = Run.th("simulate", "--format", "evtx", "--into", dir.resolve("db").toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--format applies to --out"), r.toString());
        r = Run.th("simulate", "--attacks", "-1", "--out", dir.resolve("x").toString());
        assertEquals(2, r.exit(), r.toString());
    }
}
