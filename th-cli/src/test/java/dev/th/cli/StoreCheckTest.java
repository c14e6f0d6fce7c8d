package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.SharedData;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th store check} over a real store (the OTRF folder, with its Zeek logs, and the EVTX
 * samples): whole, it passes; with bytes overwritten inside a data block of the events table, it
 * fails naming that table and a column stored in that block; with the events of one input
 * deleted, it fails naming that input and the counts.
 */
class StoreCheckTest {
    @TempDir
    static Path tmp;
    static Path base;

    @BeforeAll
    static void ingest() {
        base = tmp.resolve("whole");
        Run r = Run.th("ingest", "--db", base.toString(), "--client", "acme", SharedData.require("otrf").toString(),
                SharedData.require("evtx").toString());
        assertTrue(r.exit() == 0 || r.exit() == 2, r.toString());
    }

    @Test
    void aWholeStorePasses() throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        long inputs;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + base.resolve("th.duckdb")); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT table_name, estimated_size FROM duckdb_tables() WHERE NOT temporary")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), 0L);
                }
            }
            for (String t : rows.keySet()) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + t + "\"")) {
                    rs.next();
                    rows.put(t, rs.getLong(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM inputs")) {
                rs.next();
                inputs = rs.getLong(1);
            }
        }
        Run r = Run.th("store", "check", "--db", base.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(": whole: " + rows.size() + " tables read in full ("
                + String.format(java.util.Locale.ROOT, "%,d", rows.values().stream().mapToLong(Long::longValue).sum())
                + " rows; events " + String.format(java.util.Locale.ROOT, "%,d", rows.get("events")) + "), " + inputs
                + " inputs' rows counted"), r.out() + " (tables " + rows + ")");
        assertTrue(rows.get("flows") > 0, "the Zeek logs' flows are counted too: " + rows);
    }

    @Test
    void bytesOverwrittenInADataBlockAreFoundNamingTheTable() throws Exception {
        Path dir = copy("damaged");
        Path file = dir.resolve("th.duckdb");
        long blockSize;
        // the blocks holding only events segments, and the columns in each
        Map<Long, Set<String>> columns = new TreeMap<>();
        Map<Long, Set<String>> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT block_size FROM pragma_database_size()")) {
                rs.next();
                blockSize = rs.getLong(1);
            }
            for (String t : new String[] {"events", "inputs", "ioas", "flows", "flow_names", "machines"}) {
                try (ResultSet rs = st.executeQuery("SELECT block_id, column_name FROM pragma_storage_info('" + t + "')"
                        + " WHERE persistent AND block_id >= 0")) {
                    while (rs.next()) {
                        tables.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(t);
                        columns.computeIfAbsent(rs.getLong(1), k -> new TreeSet<>()).add(rs.getString(2));
                    }
                }
            }
        }
        long block = tables.entrySet().stream().filter(e -> e.getValue().equals(Set.of("events"))).mapToLong(Map.Entry::getKey)
                .max().orElseThrow();
        // DuckDB's file: a 4 KiB file header, two 4 KiB database headers, then the blocks (each
        // starting with its checksum)
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(3 * 4096L + block * blockSize + blockSize / 2);
            f.write(new byte[64]);
            f.seek(3 * 4096L + block * blockSize + blockSize / 2 + 64);
            f.write("damaged on disk".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        Run r = Run.th("store", "check", "--db", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.out().contains("DAMAGED"), r.out());
        String named = r.out().lines().filter(l -> l.contains(": table events, column ")).findFirst().orElse(null);
        assertTrue(named != null, "names the events table: " + r.out());
        String column = named.substring(named.indexOf(", column ") + 9, named.indexOf(": cannot be read"));
        assertTrue(columns.get(block).contains(column), column + " is one of the columns of block " + block + ": " + columns.get(block));
    }

    @Test
    void anInputWhoseEventsWereDeletedIsNamed() throws Exception {
        Path dir = copy("deleted");
        String hash;
        String path;
        long stored;
        long events;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("th.duckdb")); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT i.ContentHash, i.Path, i.Stored, count(*) FROM inputs i JOIN events e"
                    + " ON e.SourceHash = i.ContentHash GROUP BY ALL ORDER BY 4 DESC LIMIT 1")) {
                rs.next();
                hash = rs.getString(1);
                path = rs.getString(2);
                stored = rs.getLong(3);
                events = rs.getLong(4);
            }
            assertEquals(events, st.executeUpdate("DELETE FROM events WHERE SourceHash = '" + hash + "'"));
        }
        Run r = Run.th("store", "check", "--db", dir.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.out().contains(": input " + path + " (" + hash + "): " + stored + " rows stored (inputs table), 0 in the store"),
                r.out());
        assertEquals(1, r.out().lines().filter(l -> l.contains(": input ")).count(), "only that input: " + r.out());
    }

    private static Path copy(String name) throws Exception {
        Path to = tmp.resolve(name);
        Files.createDirectories(to);
        try (java.util.stream.Stream<Path> files = Files.list(base)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
