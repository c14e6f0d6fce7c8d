package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th simulate --format evtx} as a user runs it: one EVTX file per machine and channel, the
 * ground truth beside the client folders, every event stored by {@code th ingest} of the client's folder; bad
 * option combinations are exit 2 with one line saying why.
 */
class SimulateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesEvtxPerMachineAndChannelWithItsGroundTruthAndIngestStoresThem() throws Exception {
        Path out = dir.resolve("fleet");
        Run r = Run.th("simulate", "--machines", "10", "--client", "acme", "--days", "1", "--per-day", "60", "--format",
                "evtx", "--from", Path.of("..", "samples").toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("EVTX files"), r.toString());
        Path ws = out.resolve("acme").resolve("WS-0008.acme.local");
        assertTrue(Files.exists(ws.resolve("Microsoft-Windows-Sysmon%4Operational.evtx")), r.toString());
        List<String> truth = Files.readAllLines(out.resolve("ground-truth.tsv"));
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
                out.resolve("acme").toString());
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
