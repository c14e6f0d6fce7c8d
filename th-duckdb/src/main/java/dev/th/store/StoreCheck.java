package dev.th.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Checks a store file without changing it ({@code th store check}): reads every column of every
 * table (so DuckDB verifies the checksum of every block it reads), then counts each input's rows
 * (events, flows, flow names) against what the {@code inputs} table says was stored, and looks
 * for rows of no recorded input.
 */
public final class StoreCheck {
    /** The tables whose rows belong to an input, by their {@code SourceHash}. */
    private static final List<String> INPUT_TABLES = List.of(Schema.EVENTS, FlowTable.FLOWS, FlowTable.NAMES);

    private StoreCheck() {
    }

    /**
     * One thing wrong.
     *
     * @param table the table it is in
     * @param column the column that could not be read, or null
     * @param input the content hash of the input whose rows do not match, or null
     * @param path that input's path, or null
     * @param what what is wrong, for the user
     */
    public record Problem(String table, String column, String input, String path, String what) {
        @Override
        public String toString() {
            return (input != null ? "input " + path + " (" + input + "): " : "table " + table
                    + (column == null ? "" : ", column " + column) + ": ") + what;
        }
    }

    /**
     * What the check found.
     *
     * @param rows rows read per table
     * @param inputs inputs counted
     * @param problems what is wrong (empty: the store is whole)
     */
    public record Result(Map<String, Long> rows, int inputs, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks the store file {@code file}, opened read-only.
     *
     * @throws SQLException when it cannot be opened at all (held by another process, or its header
     *     or catalog damaged)
     */
    public static Result run(Path file, StoreLimits limits) throws SQLException {
        Properties props = limits.connectionProperties();
        props.setProperty("duckdb.read_only", "true");
        try (Db db = new Db("jdbc:duckdb:" + file.toAbsolutePath(), props)) {
            Map<String, Long> rows = new LinkedHashMap<>();
            List<Problem> problems = new ArrayList<>();
            List<String> tables = db.strings("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                    + " AND schema_name = 'main' AND NOT temporary ORDER BY table_name");
            for (String table : tables) {
                readAll(db, table, rows, problems);
            }
            int inputs = 0;
            if (rows.containsKey(Schema.INPUTS)) {
                inputs = countInputs(db, tables, problems);
            }
            return new Result(rows, inputs, problems);
        }
    }

    /**
     * The read-only connection, opened again after a query fails (DuckDB closes the statement, and
     * may end the connection, on a block that fails its checksum).
     */
    private static final class Db implements AutoCloseable {
        private final String url;
        private final Properties props;
        private Connection c;

        Db(String url, Properties props) throws SQLException {
            this.url = url;
            this.props = props;
            this.c = DriverManager.getConnection(url, props);
        }

        interface Rows {
            void each(ResultSet rs) throws SQLException;
        }

        void query(String sql, Rows rows) throws SQLException {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.each(rs);
                }
            } catch (SQLException e) {
                close();
                c = DriverManager.getConnection(url, props);
                throw e;
            }
        }

        List<String> strings(String sql) throws SQLException {
            List<String> out = new ArrayList<>();
            query(sql, rs -> out.add(rs.getString(1)));
            return out;
        }

        @Override
        public void close() {
            try {
                c.close();
            } catch (SQLException e) {
                // a connection DuckDB already ended
            }
        }
    }

    /** Reads every value of {@code table} (a hash of each row); when that fails, each column alone to name the damaged ones. */
    private static void readAll(Db db, String table, Map<String, Long> rows, List<Problem> problems) throws SQLException {
        List<String> cols = db.strings("SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
                + " AND schema_name = 'main' AND table_name = '" + table.replace("'", "''") + "' ORDER BY column_index");
        StringJoiner all = new StringJoiner(", ");
        cols.forEach(c -> all.add(Schema.quote(c)));
        try {
            db.query("SELECT count(*), sum(hash(" + all + ")) FROM " + Schema.quote(table), rs -> rows.put(table, rs.getLong(1)));
        } catch (SQLException e) {
            int before = problems.size();
            for (String c : cols) {
                try {
                    db.query("SELECT sum(hash(" + Schema.quote(c) + ")) FROM " + Schema.quote(table), rs -> { });
                } catch (SQLException ce) {
                    problems.add(new Problem(table, c, null, null, "cannot be read: " + oneLine(ce)));
                }
            }
            if (problems.size() == before) {
                problems.add(new Problem(table, null, null, null, "cannot be read: " + oneLine(e)));
            }
        }
    }

    /** Counts each input's rows against the inputs table (the whole inputs table read); rows of no input are a problem too. */
    private static int countInputs(Db db, List<String> tables, List<Problem> problems) throws SQLException {
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (String t : INPUT_TABLES) {
            // a table with damaged columns is counted still, when its SourceHash column reads
            if (tables.contains(t) && problems.stream().noneMatch(p -> p.table().equals(t)
                    && (p.column() == null || p.column().equals("SourceHash")))) {
                union.add("SELECT SourceHash, '" + t + "' AS t FROM " + Schema.quote(t));
            }
        }
        String counted = union.length() == 0 ? "SELECT NULL::VARCHAR AS SourceHash, NULL::BIGINT AS n, NULL::VARCHAR AS t LIMIT 0"
                : "SELECT SourceHash, count(*) AS n, string_agg(DISTINCT t, ', ' ORDER BY t) AS t FROM (" + union + ") GROUP BY 1";
        int[] inputs = {0};
        db.query("SELECT i.ContentHash, i.Path, i.Stored, coalesce(r.n, 0), r.t, r.SourceHash FROM " + Schema.INPUTS
                + " i FULL JOIN (" + counted + ") r ON r.SourceHash = i.ContentHash ORDER BY i.Path, r.SourceHash", rs -> {
                    String hash = rs.getString(1);
                    if (hash == null) {
                        problems.add(new Problem(rs.getString(5), null, rs.getString(6), "(no input recorded)",
                                rs.getLong(4) + " rows in " + rs.getString(5) + " of an input the inputs table does not name"));
                        return;
                    }
                    inputs[0]++;
                    long stored = rs.getLong(3);
                    long found = rs.getLong(4);
                    if (stored != found) {
                        problems.add(new Problem(rs.getString(5) == null ? Schema.EVENTS : rs.getString(5), null, hash,
                                rs.getString(2), stored + " rows stored (inputs table), " + found + " in the store"));
                    }
                });
        return inputs[0];
    }

    private static String oneLine(SQLException e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
    }
}
