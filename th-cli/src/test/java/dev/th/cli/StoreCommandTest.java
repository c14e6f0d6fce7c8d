package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code th store renormalize} on a store made to look as normalizer version 1 left it. */
class StoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void renormalize_bringsAnOldStoreUpToDate_thenHasNothingToDo() throws SQLException {
        Path zip = SharedData.require("otrf/psh_lsass_memory_dump_comsvcs.zip");
        Run ingest = Run.th("ingest", "--db", dir.toString(), zip.toString());
        assertEquals(0, ingest.exit(), ingest::toString);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("th.duckdb"));
                Statement st = c.createStatement()) {
            // version 1: the three 5156 of the Azure guest agent were raw, no version was kept
            st.execute("UPDATE events SET Family = 'raw' WHERE EventId = 5156");
            st.execute("UPDATE inputs SET NormalizerVersion = NULL");
            st.execute("UPDATE events SET Kind = NULL, ParentKind = NULL"); // kinds came with version 4
        }
        Run run = Run.th("store", "renormalize", "--db", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.out().contains("184 events, normalizer version 1 -> " + dev.th.normalize.Normalizer.VERSION), run::toString);
        assertTrue(run.out().contains("+16:00"), run::toString);
        assertEquals(3, StoreSql.count(dir, "SELECT count(*) FROM events WHERE EventId = 5156 AND Family = 'network' "
                + "AND RemoteIp = '168.63.129.16'"));

        // the one creation of rundll32, in Sysmon 1 and in 4688 (counted in the JSON): a LOLBAS admin tool
        assertEquals(2, StoreSql.count(dir, "SELECT count(*) FROM events WHERE EventId IN (1, 4688) AND Kind = 'admintool' "
                + "AND lower(ChildFilename) = 'rundll32.exe'"));

        Run again = Run.th("store", "renormalize", "--db", dir.toString());
        assertTrue(again.out().contains("every input is at normalizer version " + dev.th.normalize.Normalizer.VERSION), again::toString);
    }

    @Test
    void ingest_intoAStoreMadeBeforeZstd_namesTheUpgrade() throws SQLException {
        // a store as TH made them before storage version v1.4.0: DuckDB's default version, Fields without ZSTD
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("th.duckdb"));
                Statement st = c.createStatement()) {
            st.execute(dev.th.store.Schema.eventsDdl().replace(" USING COMPRESSION zstd", ""));
        }
        Path evtx = Path.of("..", "samples", "evtx");
        Run first = Run.th("ingest", "--db", dir.toString(), evtx.toString());
        assertEquals(0, first.exit(), first::toString);
        Run second = Run.th("ingest", "--db", dir.toString(), evtx.toString());
        assertTrue(second.err().contains("th store upgrade --db " + dir), second::toString);
        assertEquals(0, Run.th("store", "upgrade", "--db", dir.toString()).exit());
        Run after = Run.th("ingest", "--db", dir.toString(), evtx.toString());
        assertTrue(!after.err().contains("th store upgrade"), after::toString);
    }

    @Test
    void compact_rewritesTheStoreInPlace_thenUpgradeHasNothingToDo() throws SQLException {
        Path evtx = Path.of("..", "samples", "evtx");
        Run ingest = Run.th("ingest", "--db", dir.toString(), evtx.toString());
        assertEquals(0, ingest.exit(), ingest::toString);
        long events = StoreSql.count(dir, "SELECT count(*) FROM events");
        Run machines = Run.th("machines", "--db", dir.toString(), "--format", "csv");
        Run compact = Run.th("store", "compact", "--db", dir.toString());
        assertEquals(0, compact.exit(), compact::toString);
        assertTrue(compact.out().contains(String.format(java.util.Locale.ROOT, "compacted, %,d events", events)), compact::toString);
        assertEquals(events, StoreSql.count(dir, "SELECT count(*) FROM events"));
        assertEquals(machines.out(), Run.th("machines", "--db", dir.toString(), "--format", "csv").out());
        Run upgrade = Run.th("store", "upgrade", "--db", dir.toString());
        assertEquals(0, upgrade.exit(), upgrade::toString);
        assertTrue(upgrade.out().contains("nothing to do"), upgrade::toString);
        Run none = Run.th("store", "compact", "--db", dir.resolve("nothing").toString());
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("no store in"), none::toString);
    }
}
