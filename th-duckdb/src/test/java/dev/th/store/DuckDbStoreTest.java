package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.ingest.Ingest;
import dev.th.ingest.InputReport;
import dev.th.ingest.StoreException;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbStoreTest {
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "b".repeat(64);

    @TempDir
    Path dir;

    private static long scalar(DuckDbStore store, String sql) throws SQLException {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static InputReport ingest(DuckDbStore store, String hash, ConstructedReader reader, boolean parallel) {
        try (Ingest ingest = parallel ? Ingest.into(store, "acme") : Ingest.sequential(store, "acme")) {
            return ingest.input("t/" + hash.charAt(0) + ".evtx", hash, 1234, reader, InputStream.nullInputStream());
        }
    }

    @Test
    void eventsTableHasTheCanonicalColumnsInOrderWithTheirTypes() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            List<String> found = new ArrayList<>();
            try (Statement st = store.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM information_schema.columns "
                            + "WHERE table_name = 'events' ORDER BY ordinal_position")) {
                while (rs.next()) {
                    found.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            List<String> expected = new ArrayList<>();
            for (Column c : Column.values()) {
                expected.add(c.name() + " " + Schema.sqlType(c.type()));
            }
            assertEquals(expected, found);
        }
    }

    @Test
    void aStoreOfAnEarlierSchemaGainsTheMissingColumnsAndKeepsItsRows() throws SQLException {
        // an events table as an earlier version made it: without Kind, with a column TH dropped since
        StringBuilder ddl = new StringBuilder("CREATE TABLE events (");
        for (Column c : Column.values()) {
            if (c != Column.Kind) {
                ddl.append(Schema.quote(c.name())).append(' ').append(Schema.sqlType(c.type())).append(", ");
            }
        }
        ddl.append("Legacy VARCHAR)");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DuckDbStore.FILE_NAME));
                Statement st = c.createStatement()) {
            st.execute(ddl.toString());
            st.execute("INSERT INTO events (ClientId, RecordId, Legacy) VALUES ('old', 7, 'kept')");
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            InputReport r = ingest(store, HASH_A, new ConstructedReader(3, "WIN-DC01"), false);
            assertEquals(3, r.stored());
            assertEquals(4, scalar(store, "SELECT count(*) FROM events"));
            assertEquals(1, scalar(store, "SELECT count(*) FROM events WHERE Legacy = 'kept' AND RecordId = 7"));
            assertEquals(3, scalar(store, "SELECT count(*) FROM events WHERE ClientId = 'acme' AND Legacy IS NULL "
                    + "AND MachineName = 'WIN-DC01' AND Kind = 'interpreter,admintool'")); // the gained column filled: cmd.exe
        }
    }

    @Test
    void storesEveryEventWithItsValues() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            InputReport r = ingest(store, HASH_A, new ConstructedReader(2500, "WIN-DC01"), true);
            assertEquals(2500, r.read());
            assertEquals(2500, r.stored());
            assertEquals(2500L, r.byEventId().get("Microsoft-Windows-Sysmon/Operational|1"));
            assertEquals(2500, scalar(store, "SELECT count(*) FROM events"));
            assertEquals(2500, scalar(store, "SELECT count(DISTINCT RecordId) FROM events WHERE SourceHash = '" + HASH_A + "'"));
            try (Statement st = store.connection().createStatement();
                    ResultSet rs = st.executeQuery("SELECT ClientId, Muid, MachineName, DateTime, Date, EventId, "
                            + "SourceOffset, Fields->>'CommandLine' FROM events WHERE RecordId = 2")) {
                assertTrue(rs.next());
                assertEquals("acme", rs.getString(1));
                assertEquals(Normalizer.muid("acme", "WIN-DC01"), rs.getString(2));
                assertEquals("WIN-DC01", rs.getString(3));
                assertEquals(LocalDateTime.parse("2024-03-01T10:15:31.123456"), rs.getObject(4, LocalDateTime.class));
                assertEquals(LocalDate.parse("2024-03-01"), rs.getObject(5, LocalDate.class));
                assertEquals(1, rs.getInt(6));
                assertEquals(4096 + 512, rs.getLong(7));
                assertEquals("cmd.exe /c echo 2", rs.getString(8));
            }
        }
    }

    @Test
    void anExceptionMidInputLeavesNothingOfIt() throws SQLException {
        for (boolean parallel : new boolean[] {false, true}) {
            Path d = dir.resolve("p" + parallel);
            try (DuckDbStore store = DuckDbStore.open(d)) {
                InputReport bad = ingest(store, HASH_A, new ConstructedReader(5000, "H").failAfter(3500), parallel);
                assertEquals(0, bad.stored());
                assertEquals(3500, bad.read());
                assertEquals(3500, bad.rejected());
                assertTrue(bad.errors().get(0).reason().contains("stream broken at record 3501"), bad.errors().toString());
                assertEquals(0, scalar(store, "SELECT count(*) FROM events"));
                assertEquals(0, scalar(store, "SELECT count(*) FROM inputs"));
                assertTrue(store.completed(HASH_A).isEmpty());
                InputReport good = ingest(store, HASH_A, new ConstructedReader(5000, "H"), parallel);
                assertEquals(5000, good.stored());
                assertEquals(5000, scalar(store, "SELECT count(*) FROM events"));
            }
        }
    }

    @Test
    void anInputAbandonedBetweenTwoGoodOnesInTheSameTransactionLeavesNothingOfIt() throws SQLException {
        for (boolean parallel : new boolean[] {false, true}) {
            Path d = dir.resolve("g" + parallel);
            try (DuckDbStore store = DuckDbStore.open(d);
                    Ingest ingest = parallel ? Ingest.into(store, "acme") : Ingest.sequential(store, "acme")) {
                InputStream none = InputStream.nullInputStream();
                assertEquals(3000, ingest.input("a", HASH_A, 1, new ConstructedReader(3000, "A"), none).stored());
                InputReport bad = ingest.input("b", HASH_B, 1, new ConstructedReader(4000, "B").failAfter(2500), none);
                assertEquals(0, bad.stored());
                assertEquals(2000, ingest.input("c", "c".repeat(64), 1, new ConstructedReader(2000, "C"), none).stored());
                ingest.close();
                assertEquals(5000, scalar(store, "SELECT count(*) FROM events"));
                assertEquals(0, scalar(store, "SELECT count(*) FROM events WHERE MachineName = 'B'"));
                assertEquals(2, scalar(store, "SELECT count(*) FROM inputs"));
            }
            try (DuckDbStore store = DuckDbStore.open(d)) {
                assertEquals(5000, scalar(store, "SELECT count(*) FROM events"));
                assertTrue(store.completed(HASH_B).isEmpty());
            }
        }
    }

    @Test
    void aCrashMidInputLeavesNothingOfIt() throws Exception {
        Path d = dir.resolve("crash");
        try (DuckDbStore store = DuckDbStore.open(d)) {
            ingest(store, HASH_B, new ConstructedReader(100, "H"), false);
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingIngest.class.getName(), d.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertEquals(3, p.waitFor(), () -> "child JVM did not halt mid-input: " + read(dir.resolve("child.log")));
        try (DuckDbStore store = DuckDbStore.open(d)) {
            assertEquals(100, scalar(store, "SELECT count(*) FROM events"));
            assertEquals(0, scalar(store, "SELECT count(*) FROM events WHERE MachineName = 'HOST-C'"));
            assertEquals(1, scalar(store, "SELECT count(*) FROM inputs"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void theSameInputAgainIsAllDuplicates() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            ingest(store, HASH_A, new ConstructedReader(300, "H").rejectAt(777), true);
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            InputReport again = ingest(store, HASH_A, new ConstructedReader(300, "H").rejectAt(777), true);
            assertEquals(301, again.read());
            assertEquals(0, again.stored());
            assertEquals(301, again.duplicates());
            assertEquals(300L, again.byEventId().get("Microsoft-Windows-Sysmon/Operational|1"));
            assertEquals(300, scalar(store, "SELECT count(*) FROM events"));
        }
    }

    @Test
    void aRecordIdRepeatedInsideAnInputIsADuplicate() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            InputReport r = ingest(store, HASH_A, new ConstructedReader(new long[] {5, 6, 7, 6, 9, 5, 8}, "H"), false);
            assertEquals(7, r.read());
            assertEquals(5, r.stored());
            assertEquals(2, r.duplicates());
            assertEquals(5, scalar(store, "SELECT count(DISTINCT RecordId) FROM events"));
            assertEquals(5, scalar(store, "SELECT count(*) FROM events"));
        }
    }

    @Test
    void readerRejectsAreCountedWithTheirOffset() throws SQLException {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            InputReport r = ingest(store, HASH_A, new ConstructedReader(10, "H").rejectAt(70_000), true);
            assertEquals(11, r.read());
            assertEquals(10, r.stored());
            assertEquals(1, r.rejected());
            assertEquals(70_000, r.errors().get(0).offset());
            assertEquals("bad record checksum", r.errors().get(0).reason());
            InputReport kept = store.completed(HASH_A).orElseThrow();
            assertEquals(r.errors(), kept.errors());
            assertEquals(10, scalar(store, "SELECT count(*) FROM events"));
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsACleanError() throws Exception {
        Path f = Files.writeString(dir.resolve("plain"), "x");
        StoreException e = assertThrows(StoreException.class, () -> DuckDbStore.open(f));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        assertFalse(new File(f.toFile(), DuckDbStore.FILE_NAME).exists());
    }
}
