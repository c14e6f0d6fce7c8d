package dev.th.store;

import dev.th.model.Column;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** The DuckDB tables of TH, generated from {@link Column} so storage follows the canonical model. */
public final class Schema {
    /** The canonical events: one row per event, the columns of {@link Column} in order. */
    public static final String EVENTS = "events";
    /** The inputs stored completely: one row per content hash. */
    public static final String INPUTS = "inputs";

    private Schema() {
    }

    /** The SQL type of a canonical column type. */
    public static String sqlType(Column.Type type) {
        return switch (type) {
            case TEXT -> "VARCHAR";
            case INT -> "INTEGER";
            case BIGINT -> "BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> "TIMESTAMP";
            case DATE -> "DATE";
            case JSON -> "JSON";
        };
    }

    /** {@code CREATE TABLE IF NOT EXISTS events (...)} with every column of {@link Column}. */
    public static String eventsDdl() {
        StringJoiner cols = new StringJoiner(", ", "CREATE TABLE IF NOT EXISTS " + EVENTS + " (", ")");
        for (Column c : Column.values()) {
            // the original fields (JSON text) are most of a store's bytes: ZSTD takes them to
            // about a seventeenth (docs/benchmarks.md "Store size")
            String compression = c.type() == Column.Type.JSON ? " USING COMPRESSION zstd" : "";
            cols.add(quote(c.name()) + " " + sqlType(c.type()) + compression);
        }
        return cols.toString();
    }

    /**
     * Brings the events table of a store made by an earlier version up to {@link Column}: each
     * canonical column it lacks is added (null for the events stored before). Returns the table's
     * columns in the table's own order, which the appender follows; a column of the table that
     * {@link Column} no longer has is null there.
     */
    public static Column[] upgradeEvents(Connection db) throws SQLException {
        List<String> present = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                        + EVENTS + "' AND table_schema = 'main' ORDER BY ordinal_position")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        try (Statement st = db.createStatement()) {
            for (Column c : Column.values()) {
                if (!present.contains(c.name())) {
                    st.execute("ALTER TABLE " + EVENTS + " ADD COLUMN " + quote(c.name()) + " " + sqlType(c.type()));
                    present.add(c.name());
                }
            }
        }
        Column[] order = new Column[present.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = known(present.get(i));
        }
        return order;
    }

    private static Column known(String name) {
        for (Column c : Column.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The inputs table: what was stored from each content hash, with its report. */
    public static String inputsDdl() {
        return "CREATE TABLE IF NOT EXISTS " + INPUTS + " ("
                + "ContentHash VARCHAR PRIMARY KEY, Path VARCHAR NOT NULL, Size BIGINT, "
                + "\"Read\" BIGINT, Stored BIGINT, Rejected BIGINT, Duplicates BIGINT, "
                + "ByEventId JSON, Errors JSON, IngestedAt TIMESTAMP, NormalizerVersion INTEGER)";
    }

    /**
     * Brings the inputs table of a store made by an earlier version up to {@link #inputsDdl}: an
     * input stored before normalizer versions were kept has NormalizerVersion null (version 1).
     */
    public static void upgradeInputs(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("ALTER TABLE " + INPUTS + " ADD COLUMN IF NOT EXISTS NormalizerVersion INTEGER");
        }
    }

    /** A SQL identifier in double quotes. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
