package dev.th.lake;

import dev.th.store.IoaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes a DuckDB store's tables into a lake as Parquet (ZSTD), partitioned by ClientId and Date
 * where the table has them, and commits them as one new lake version. A table whose content
 * fingerprint (row count and an order-free hash of its rows) equals the latest version's keeps
 * its files: exporting an unchanged store writes nothing and commits nothing.
 */
public final class LakeExport {

    /** What one export did. */
    public record Result(int version, List<String> written, List<String> unchanged) {
    }

    private LakeExport() {
    }

    /**
     * Exports the store in {@code dataDir} ({@code th.duckdb}) into {@code lake}. When the lake has a
     * state store ({@link LakeState}), the store's IoAs are added to it (new ids only: a hunter's
     * status on the lake stays) and the lake's {@code ioas} table is written from the state.
     */
    public static Result run(Path dataDir, Path lake) {
        Path db = dataDir.resolve("th.duckdb");
        if (!Files.isRegularFile(db)) {
            throw new IllegalArgumentException("no TH store at " + db.toAbsolutePath() + " (run th ingest first)");
        }
        boolean state = LakeState.exists(lake);
        Properties props = new Properties();
        props.setProperty("duckdb.read_only", "true");
        Result r;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), props);
                Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            if (state) {
                names.remove(IoaTable.TABLE);
            }
            r = write(st, names, lake, state);
        } catch (SQLException e) {
            throw new IllegalStateException("lake export of " + db + " failed: " + e.getMessage(), e);
        }
        if (!state) {
            return r;
        }
        try (LakeState s = LakeState.open(lake)) {
            mergeIoas(s.connection(), db);
            Result ioas = s.publish(lake);
            List<String> written = new ArrayList<>(r.written());
            written.addAll(ioas.written());
            List<String> unchanged = new ArrayList<>(r.unchanged());
            unchanged.addAll(ioas.unchanged());
            return new Result(ioas.version(), written, unchanged);
        } catch (SQLException e) {
            throw new IllegalStateException("lake export of the IoAs of " + db + " into the lake's state failed: " + e.getMessage(), e);
        }
    }

    /** Adds the IoAs of the store file {@code db} that the state lacks (a store never hunted has none). */
    private static void mergeIoas(Connection state, Path db) throws SQLException {
        try (Statement st = state.createStatement()) {
            st.execute("ATTACH '" + db.toAbsolutePath().toString().replace("'", "''") + "' AS th_store (READ_ONLY)");
        }
        // a failed statement is closed by DuckDB's driver: each step has its own
        try (Statement st = state.createStatement()) {
            boolean has;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_catalog = 'th_store' AND table_schema = 'main' AND table_name = '" + IoaTable.TABLE + "'")) {
                rs.next();
                has = rs.getLong(1) > 0;
            }
            if (has) {
                st.execute("INSERT INTO ioas BY NAME SELECT * FROM th_store.main.ioas WHERE id NOT IN (SELECT id FROM ioas)");
            }
        } finally {
            try (Statement st = state.createStatement()) {
                st.execute("DETACH th_store");
            }
        }
    }

    /** Writes the {@code ioas} table of {@code stateDb} into the lake, the other tables of its latest version kept. */
    static Result publish(Connection stateDb, Path lake) {
        try (Statement st = stateDb.createStatement()) {
            return write(st, List.of(IoaTable.TABLE), lake, true);
        } catch (SQLException e) {
            throw new IllegalStateException("writing the lake's IoAs into " + lake + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes tables {@code names} of the connection of {@code st} into the lake and commits them as one
     * new version (none when every table is unchanged); with {@code keepOthers} the latest version's
     * other tables stay in it, otherwise the version holds {@code names} alone.
     */
    private static Result write(Statement st, List<String> names, Path lake, boolean keepOthers) throws SQLException {
        int previous = Lake.latestVersion(lake);
        Map<String, Lake.Table> before = Lake.latest(lake);
        List<Lake.Table> tables = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        if (keepOthers) {
            before.values().stream().filter(t -> !names.contains(t.name())).forEach(tables::add);
        }
        try {
            Path staging = Files.createDirectories(lake.resolve("_staging").resolve(UUID.randomUUID().toString()));
            for (String name : names) {
                List<String> cols = new ArrayList<>();
                List<String> types = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema = 'main' AND table_name = '" + name + "' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        cols.add(rs.getString(1));
                        types.add(rs.getString(2).replace(",", ";"));
                    }
                }
                long rows;
                String fingerprint;
                try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(bit_xor(hash(t)), 0) FROM \"" + name + "\" t")) {
                    rs.next();
                    rows = rs.getLong(1);
                    fingerprint = rows + "-" + Long.toUnsignedString(rs.getLong(2), 16);
                }
                Lake.Table old = before.get(name);
                if (old != null && old.fingerprint().equals(fingerprint) && old.columns().equals(cols)) {
                    tables.add(old);
                    unchanged.add(name);
                    continue;
                }
                String dir = name + "/" + fingerprint;
                List<String> parts = new ArrayList<>();
                if (cols.contains("ClientId")) {
                    parts.add("\"ClientId\"");
                }
                if (cols.contains("Date")) {
                    parts.add("\"Date\"");
                }
                Path out = staging.resolve(name);
                String opts = "FORMAT parquet, COMPRESSION zstd" + (parts.isEmpty() || rows == 0 ? "" : ", PARTITION_BY (" + String.join(", ", parts) + ")");
                if (parts.isEmpty() || rows == 0) {
                    Files.createDirectories(out);
                    st.execute("COPY \"" + name + "\" TO '" + out.resolve("part-0.parquet").toString().replace("'", "''") + "' (" + opts + ")");
                } else {
                    st.execute("COPY \"" + name + "\" TO '" + out.toString().replace("'", "''") + "' (" + opts + ")");
                }
                Path target = lake.resolve(dir);
                if (Files.exists(target)) {
                    deleteTree(out); // the same content was written before (an interrupted export): keep those files
                } else {
                    Files.createDirectories(target.getParent());
                    Files.move(out, target, StandardCopyOption.ATOMIC_MOVE);
                }
                tables.add(new Lake.Table(name, dir, cols, types, rows, fingerprint));
                written.add(name);
            }
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException("lake export into " + lake + " failed", e);
        }
        if (written.isEmpty() && tables.size() == before.size()) {
            return new Result(previous, written, unchanged);
        }
        return new Result(Lake.commit(lake, previous, tables), written, unchanged);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
