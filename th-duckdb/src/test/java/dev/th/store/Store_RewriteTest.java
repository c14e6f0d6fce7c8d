package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th store compact} and {@code th store upgrade} ({@link StoreRewrite}) on stores of the
 * real sample logs, checked against a copy of the file taken before, read on its own: the same
 * rows in every table, the events in layout order, and an old-format store brought to the current
 * storage version with its original fields ZSTD-compressed. The machines table the store keeps at
 * ingest agrees with the events grouped by hand.
 */
class Store_RewriteTest {
    private static final List<Path> SAMPLES = List.of(Path.of("..", "samples", "evtx"), Path.of("..", "samples", "json"));

    @TempDir
    Path dir;

    private static IngestReport ingest(DuckDbStore store, String client, List<Path> paths) {
        try (Ingest ingest = Ingest.into(store, client)) {
            return ingest.run(paths, new Sources(), Readers.defaults());
        }
    }

    @Test
    void compactKeepsEveryRowAndWritesTheEventsByMachineAndTime() throws Exception {
        Path db = dir.resolve("db");
        long stored;
        try (DuckDbStore store = DuckDbStore.open(db)) {
            // two clients, inputs interleaved: arrival order mixes clients and machines
            stored = ingest(store, "acme", List.of(SAMPLES.get(1))).stored() + ingest(store, "globex", SAMPLES).stored();
        }
        Path before = dir.resolve("before.duckdb");
        Files.copy(db.resolve(DuckDbStore.FILE_NAME), before);
        assertTrue(outOfOrder(db.resolve(DuckDbStore.FILE_NAME)) > 0, "arrival order is not layout order");

        StoreRewrite.Result r = StoreRewrite.run(db, StoreLimits.fromSystem(), f -> { });
        assertEquals(stored, r.rows().get("events"));
        assertFalse(Files.exists(db.resolve(DuckDbStore.FILE_NAME + ".rewrite")), "no new file left beside the store");
        Path after = db.resolve(DuckDbStore.FILE_NAME);
        assertEquals(0, outOfOrder(after), "every event after the one before it by machine, then time");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + after); Statement st = c.createStatement()) {
            st.execute("ATTACH '" + before + "' AS b (READ_ONLY)");
            List<String> tables = strings(st, "SELECT table_name FROM duckdb_tables() WHERE database_name = 'b' ORDER BY 1");
            assertEquals(tables, strings(st, "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1"));
            assertTrue(tables.containsAll(List.of("events", "inputs", "machines")), tables.toString());
            for (String t : tables) {
                String cols = String.join(", ", strings(st, "SELECT '\"' || column_name || '\"' FROM duckdb_columns() "
                        + "WHERE database_name = 'b' AND table_name = '" + t + "' ORDER BY column_name"));
                assertEquals(one(st, "SELECT count(*) FROM b." + t), one(st, "SELECT count(*) FROM " + t), t);
                assertEquals(0, one(st, "SELECT count(*) FROM (SELECT " + cols + " FROM b." + t + " EXCEPT ALL SELECT "
                        + cols + " FROM " + t + ")"), t + ": a row of before is missing");
                assertEquals(0, one(st, "SELECT count(*) FROM (SELECT " + cols + " FROM " + t + " EXCEPT ALL SELECT "
                        + cols + " FROM b." + t + ")"), t + ": a row was added");
            }
        }
        try (DuckDbStore store = DuckDbStore.open(db)) {
            assertEquals(0, ingest(store, "globex", SAMPLES).stored(), "the inputs are still known: nothing stored twice");
        }
    }

    @Test
    void anOldFormatStoreIsUpgradedToZstdFieldsAndACurrentOneNeedsNothing() throws Exception {
        Path db = dir.resolve("old");
        Files.createDirectories(db);
        Path file = db.resolve(DuckDbStore.FILE_NAME);
        // a store as TH made them before storage version v1.4.0: DuckDB's default version, Fields without ZSTD
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute(Schema.eventsDdl().replace(" USING COMPRESSION zstd", ""));
        }
        long stored;
        try (DuckDbStore store = DuckDbStore.open(db)) {
            stored = ingest(store, "default", SAMPLES).stored();
            try (Statement st = store.connection().createStatement()) {
                st.execute("CHECKPOINT");
            }
            assertNotNull(StoreRewrite.upgradeReason(store.connection()), "an old store needs the upgrade");
            assertFalse(StoreRewrite.storageVersion(store.connection()).startsWith("v1.4"));
        }
        long sizeBefore = Files.size(file);
        StoreRewrite.Result r = StoreRewrite.run(db, StoreLimits.fromSystem(), f -> { });
        assertEquals(stored, r.rows().get("events"));
        try (DuckDbStore store = DuckDbStore.open(db)) {
            assertNull(StoreRewrite.upgradeReason(store.connection()), "current after the upgrade");
            assertTrue(StoreRewrite.storageVersion(store.connection()).startsWith("v1.4"));
            assertEquals(stored, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events"));
            assertEquals(0, Ingest_RealDataTest.count(store, "SELECT count(*) FROM pragma_storage_info('events') "
                    + "WHERE column_name = 'Fields' AND segment_type <> 'VALIDITY' AND compression NOT IN ('ZSTD', 'Constant')"));
        }
        assertTrue(Files.size(file) < sizeBefore, "smaller: " + Files.size(file) + " against " + sizeBefore);
    }

    @Test
    void theMachinesTableFollowsEveryCommitAndIsMadeForAStoreWithoutIt() throws Exception {
        Path db = dir.resolve("m");
        String byHand = "SELECT ClientId, Muid, min(MachineName), min(DateTime), max(DateTime), count(*) FROM events GROUP BY ALL";
        String table = "SELECT ClientId, Muid, MachineName, FirstSeen, LastSeen, Events FROM machines";
        try (DuckDbStore store = DuckDbStore.open(db)) {
            ingest(store, "acme", List.of(SAMPLES.get(0)));
            assertTrue(Ingest_RealDataTest.count(store, "SELECT count(*) FROM machines") > 0);
            assertSame(store, byHand, table);
            ingest(store, "acme", List.of(SAMPLES.get(1)));
            assertSame(store, byHand, table);
            try (Statement st = store.connection().createStatement()) {
                st.execute("DROP TABLE machines"); // as in a store made before the table
            }
        }
        try (DuckDbStore store = DuckDbStore.open(db)) {
            assertSame(store, byHand, table);
            assertEquals(Ingest_RealDataTest.count(store, "SELECT count(DISTINCT Muid) FROM events"),
                    Machines.list(store).height(), "th machines lists every machine of the events");
        }
    }

    private static void assertSame(DuckDbStore store, String a, String b) throws Exception {
        assertEquals(0, Ingest_RealDataTest.count(store, "SELECT count(*) FROM (" + a + " EXCEPT " + b + ")"));
        assertEquals(0, Ingest_RealDataTest.count(store, "SELECT count(*) FROM (" + b + " EXCEPT " + a + ")"));
    }

    /** Events stored (by rowid) after one that sorts behind them by machine, then time. */
    private static long outOfOrder(Path file) throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file, p); Statement st = c.createStatement()) {
            return one(st, "SELECT count(*) FROM (SELECT Muid, DateTime, lag(Muid) OVER w AS m0, lag(DateTime) OVER w AS t0 "
                    + "FROM events WINDOW w AS (ORDER BY rowid)) WHERE m0 > Muid OR (m0 = Muid AND t0 > DateTime)");
        }
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Statement st, String sql) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
