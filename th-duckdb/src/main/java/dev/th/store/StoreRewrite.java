package dev.th.store;

import dev.th.ingest.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code th store compact} and {@code th store upgrade}: the store written again into a new file
 * beside it, then put in its place by an atomic rename, so a failure at any point leaves the old
 * file as it was. The new file is created as TH creates stores today (storage version
 * {@value StoreLimits#STORAGE_VERSION}, ZSTD on the original fields: {@link Schema#eventsDdl}),
 * with the events in {@link #LAYOUT} order (by machine, then time), so that every DuckDB row group holds the events of
 * few machines and a question about one machine (or one machine over a day) skips the others by
 * their min/max statistics. Every other table is copied as it is. Before the rename every table's
 * row count and content hash (the sum of its rows' hashes, over its columns by name) are checked
 * against the old file's: nothing lost, nothing added.
 */
public final class StoreRewrite {
    /** Events sorted and written by one statement at most (a machine with more is cut by days). */
    static final long SLICE = 30_000;

    /**
     * The order events are written in: by machine and time (then input and record, for a stable
     * order). The Muid is a hash of the client and the machine's name, so a machine's events are
     * together and no two clients' machines mix; ordering by client first would make the Muid
     * bounds of each row group where one client ends and the next begins span every machine.
     */
    public static final String LAYOUT = "Muid, DateTime, SourceHash, RecordId";

    /** Told how far the copy of the events is (0..1), for a progress display. */
    public interface Progress {
        void events(double fraction);
    }

    /** What a rewrite did: the storage version before, file sizes, rows per table (the same before and after). */
    public record Result(String fromVersion, long bytesBefore, long bytesAfter, Map<String, Long> rows, double seconds) {
    }

    private StoreRewrite() {
    }

    /** The storage version the store file was made at (DuckDB's tag, e.g. {@code v1.4.0+}), or {@code ?}. */
    public static String storageVersion(Connection db) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT coalesce(tags['storage_version'], '?') FROM duckdb_databases() WHERE database_name = current_database()")) {
            return rs.next() ? rs.getString(1) : "?";
        }
    }

    /**
     * Why the store needs {@code th store upgrade}, or null when it is current: a file made at an
     * older storage version (its strings can never be ZSTD), or original fields stored otherwise than ZSTD.
     */
    public static String upgradeReason(Connection db) throws SQLException {
        String version = storageVersion(db);
        if (!version.startsWith("v1.4") && !version.startsWith("v1.5") && !version.startsWith("v2")) {
            return "the store file is at storage version " + version + " (TH makes " + StoreLimits.STORAGE_VERSION
                    + ": the original fields ZSTD-compressed)";
        }
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM pragma_storage_info('"
                + Schema.EVENTS + "') WHERE column_name = 'Fields' AND segment_type <> 'VALIDITY' "
                + "AND compression NOT IN ('ZSTD', 'Constant')")) {
            rs.next();
            long other = rs.getLong(1);
            return other == 0 ? null : other + " stored segments of the original fields are not ZSTD-compressed";
        }
    }

    /**
     * Writes the store of {@code dataDir} again in layout order and puts it in place. The store is
     * first opened by {@link DuckDbStore} (so its tables are brought up to this version and no
     * write-ahead log is left), then read through a read-only attachment while the new file is
     * written, which keeps other writers out until the rename.
     */
    public static Result run(Path dataDir, StoreLimits limits, Progress progress) {
        long t0 = System.nanoTime();
        Path file = dataDir.resolve(DuckDbStore.FILE_NAME).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no store in " + dataDir + " (" + file + " does not exist)");
        }
        String fromVersion;
        try (DuckDbStore store = DuckDbStore.open(dataDir, limits)) {
            fromVersion = storageVersion(store.connection());
            try (Statement st = store.connection().createStatement()) {
                st.execute("CHECKPOINT");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (Files.exists(Path.of(file + ".wal"))) {
            throw new StoreException(file + ".wal is left after closing the store: another process holds it? Nothing was changed");
        }
        Path fresh = file.resolveSibling(DuckDbStore.FILE_NAME + ".rewrite");
        long before = size(file);
        Map<String, Long> rows;
        try {
            deleteNew(fresh);
            rows = write(file, fresh, limits, progress);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException | IOException | RuntimeException e) {
            deleteQuietly(fresh);
            throw new StoreException("cannot rewrite " + file + " (it is left as it was): " + e.getMessage(), e);
        }
        return new Result(fromVersion, before, size(file), rows, (System.nanoTime() - t0) / 1e9);
    }

    private static Map<String, Long> write(Path old, Path fresh, StoreLimits limits, Progress progress)
            throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + fresh, limits.connectionProperties());
                Statement st = db.createStatement()) {
            st.execute("ATTACH '" + old.toString().replace("'", "''") + "' AS old (READ_ONLY)");
            List<String[]> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name, sql FROM duckdb_tables() WHERE database_name = 'old' "
                    + "AND schema_name = 'main' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            // the events table as TH makes it now (ZSTD on JSON), plus any column of the old table TH no longer fills
            st.execute(Schema.eventsDdl());
            for (String[] c : columns(st, "old", Schema.EVENTS)) {
                st.execute("ALTER TABLE " + Schema.EVENTS + " ADD COLUMN IF NOT EXISTS " + Schema.quote(c[0]) + " " + c[1]);
            }
            for (String[] t : tables) {
                if (!t[0].equals(Schema.EVENTS)) {
                    st.execute(t[1]);
                }
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            String self;
            try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
                rs.next();
                self = rs.getString(1);
            }
            // one transaction: the rows reach the file once, as full row groups, at the commit. A commit
            // per slice let DuckDB checkpoint each partly filled row group again, and the file came out
            // larger than the one it replaced (docs/benchmarks.md "Store size")
            db.setAutoCommit(false);
            for (String[] t : tables) {
                String name = Schema.quote(t[0]);
                if (t[0].equals(Schema.EVENTS)) {
                    copyEvents(db, progress);
                } else {
                    st.execute("INSERT INTO " + name + " BY NAME SELECT * FROM old.main." + name);
                }
            }
            db.commit();
            db.setAutoCommit(true);
            for (String[] t : tables) {
                String[] a = fingerprint(st, "old", t[0]);
                String[] b = fingerprint(st, self, t[0]);
                if (!a[0].equals(b[0]) || !a[1].equals(b[1])) {
                    throw new SQLException("table " + t[0] + " differs after the copy: " + a[0] + " rows, hash " + a[1]
                            + " before; " + b[0] + " rows, hash " + b[1] + " after");
                }
                rows.put(t[0], Long.parseLong(a[0]));
            }
            st.execute("DETACH old");
            st.execute("CHECKPOINT");
            return rows;
        }
    }

    /**
     * Copies the events in layout order, a slice at a time (one machine's days, at most
     * {@value #SLICE} rows), so DuckDB sorts a slice in its memory limit instead of the whole table.
     */
    private static void copyEvents(Connection db, Progress progress) throws SQLException {
        List<Object[]> groups = new ArrayList<>();
        long total = 0;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT ClientId, Muid, Date, count(*) FROM old.main."
                + Schema.EVENTS + " GROUP BY ALL ORDER BY Muid NULLS FIRST, ClientId NULLS FIRST, Date NULLS FIRST")) {
            while (rs.next()) {
                groups.add(new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3, java.time.LocalDate.class), rs.getLong(4)});
                total += rs.getLong(4);
            }
        }
        String sql = "INSERT INTO " + Schema.EVENTS + " BY NAME SELECT * FROM old.main." + Schema.EVENTS
                + " WHERE ClientId IS NOT DISTINCT FROM ? AND Muid IS NOT DISTINCT FROM ? "
                + "AND (Date BETWEEN ? AND ? OR (? AND Date IS NULL)) ORDER BY " + LAYOUT;
        long done = 0;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            int i = 0;
            while (i < groups.size()) {
                Object[] first = groups.get(i);
                long rows = (Long) first[3];
                int j = i + 1;
                while (j < groups.size() && java.util.Objects.equals(groups.get(j)[0], first[0])
                        && java.util.Objects.equals(groups.get(j)[1], first[1]) && rows + (Long) groups.get(j)[3] <= SLICE) {
                    rows += (Long) groups.get(j)[3];
                    j++;
                }
                java.time.LocalDate from = null;
                java.time.LocalDate to = null;
                boolean nullDate = false;
                for (int k = i; k < j; k++) {
                    java.time.LocalDate d = (java.time.LocalDate) groups.get(k)[2];
                    if (d == null) {
                        nullDate = true;
                    } else {
                        from = from == null ? d : from;
                        to = d;
                    }
                }
                ps.setString(1, (String) first[0]);
                ps.setString(2, (String) first[1]);
                ps.setObject(3, from);
                ps.setObject(4, to);
                ps.setBoolean(5, nullDate);
                ps.executeUpdate();
                done += rows;
                progress.events(total == 0 ? 1.0 : (double) done / total);
                i = j;
            }
        }
    }

    /** Column names and types of a table, by name. */
    private static List<String[]> columns(Statement st, String database, String table) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = '"
                + database + "' AND schema_name = 'main' AND table_name = '" + table + "' ORDER BY column_name")) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return out;
    }

    /** Row count and the sum of the rows' hashes (columns taken by name, so column order does not matter). */
    private static String[] fingerprint(Statement st, String database, String table) throws SQLException {
        StringJoiner cols = new StringJoiner(", ");
        for (String[] c : columns(st, "old", table)) {
            cols.add(Schema.quote(c[0]));
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*), CAST(coalesce(sum(hash(" + cols + ")), 0) AS VARCHAR) FROM "
                + database + ".main." + Schema.quote(table))) {
            rs.next();
            return new String[] {Long.toString(rs.getLong(1)), rs.getString(2)};
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteNew(Path fresh) throws IOException {
        Files.deleteIfExists(fresh);
        Files.deleteIfExists(Path.of(fresh + ".wal"));
    }

    private static void deleteQuietly(Path fresh) {
        try {
            deleteNew(fresh);
        } catch (IOException ignored) {
            // the old store is intact; a stale .rewrite file is replaced by the next run
        }
    }
}
