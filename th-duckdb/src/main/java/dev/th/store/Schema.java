package dev.th.store;

import dev.th.model.Column;
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
            cols.add(quote(c.name()) + " " + sqlType(c.type()));
        }
        return cols.toString();
    }

    /** The inputs table: what was stored from each content hash, with its report. */
    public static String inputsDdl() {
        return "CREATE TABLE IF NOT EXISTS " + INPUTS + " ("
                + "ContentHash VARCHAR PRIMARY KEY, Path VARCHAR NOT NULL, Size BIGINT, "
                + "\"Read\" BIGINT, Stored BIGINT, Rejected BIGINT, Duplicates BIGINT, "
                + "ByEventId JSON, Errors JSON, IngestedAt TIMESTAMP)";
    }

    /** A SQL identifier in double quotes. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
