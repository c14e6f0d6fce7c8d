package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th carve} as a user runs it: three chunks of a real log hidden at odd offsets in random
 * bytes; every live record of those chunks is stored flagged Recovered at the offset it was put
 * at (the offsets worked out from the log's own reading), a second carve stores nothing, and a
 * missing file exits 2.
 */
class CarveCommandTest {
    private static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    @TempDir
    Path dir;

    @Test
    void chunksHiddenInRandomBytesAreStoredAsRecoveredEventsAtTheirOffsets() throws Exception {
        byte[] log = Files.readAllBytes(SharedData.require(PANACHE));
        List<RawEvent> live = new ArrayList<>();
        new EvtxReader().read(new ByteArrayInputStream(log), "log", "x", new EventSink() {
            @Override
            public void accept(RawEvent e) {
                if (!e.recovered()) {
                    live.add(e);
                }
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new AssertionError(reason);
            }
        });
        byte[] image = new byte[2 << 20];
        new Random(3).nextBytes(image);
        List<Long> expected = new ArrayList<>();
        int at = 1001;
        for (int k : new int[] {0, 4, 11}) {
            int chunk = HEADER + k * CHUNK;
            System.arraycopy(log, chunk, image, at, CHUNK);
            for (RawEvent e : live) {
                if (e.source().offset() >= chunk && e.source().offset() < chunk + CHUNK) {
                    expected.add(at + e.source().offset() - chunk);
                }
            }
            at += CHUNK + 77_777;
        }
        Path img = Files.write(dir.resolve("unallocated.bin"), image);
        Path db = dir.resolve("db");

        Run run = Run.th("carve", "--db", db.toString(), img.toString());
        assertEquals(0, run.exit(), run::toString);
        assertEquals(0, StoreSql.count(db, "SELECT count(*) FROM events WHERE Recovered IS NOT TRUE"));
        long stored = StoreSql.count(db, "SELECT count(*) FROM events");
        assertTrue(run.out().contains(stored + " stored"), run::toString);
        List<Long> offsets = StoreSql.longs(db, "SELECT SourceOffset FROM events ORDER BY SourceOffset");
        assertTrue(offsets.containsAll(expected), "every live record of the hidden chunks at its offset");
        assertEquals(expected.size(), StoreSql.count(db, "SELECT count(*) FROM events WHERE MachineName = 'MSEDGEWIN10'"
                + " AND NOT TemplateLost AND SourceOffset IN (" + String.join(",", expected.stream().map(String::valueOf).toList()) + ")"));

        // the questions: every carved event is recovered, and the answer says so
        long creations = StoreSql.count(db, "SELECT count(*) FROM events WHERE MachineName = 'MSEDGEWIN10'"
                + " AND Family = 'process' AND Operation = 'create'");
        assertTrue(creations > 0);
        Run only = Run.th("machine", "MSEDGEWIN10", "executions", "--operation", "create", "--period", "all",
                "--recovered", "only", "--format", "csv", "--db", db.toString());
        assertEquals(0, only.exit(), only::toString);
        assertEquals(creations, only.out().lines().count() - 1, only::toString);
        assertTrue(only.err().contains(creations + " of the events read are recovered records"), only::toString);
        Run exclude = Run.th("machine", "MSEDGEWIN10", "executions", "--operation", "create", "--period", "all",
                "--recovered", "exclude", "--format", "csv", "--db", db.toString());
        assertEquals(0, exclude.exit(), exclude::toString);
        assertEquals(1, exclude.out().lines().count(), exclude::toString);
        Run bad = Run.th("machine", "MSEDGEWIN10", "executions", "--period", "all", "--recovered", "some", "--db", db.toString());
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("--recovered") && bad.err().contains("only"), bad::toString);

        Run again = Run.th("carve", "--db", db.toString(), img.toString());
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("0 stored"), again::toString);
        assertEquals(stored, StoreSql.count(db, "SELECT count(*) FROM events"));

        Run missing = Run.th("carve", "--db", db.toString(), dir.resolve("nope.bin").toString());
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.out().contains("no such file"), missing::toString);
    }
}
