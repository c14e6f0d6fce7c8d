package dev.th.store;

import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.duckdb.DuckDBAppender;

/** Appends canonical rows through a DuckDB appender, in a table's own column order. */
final class RowAppender {
    private RowAppender() {
    }

    /**
     * One row of {@code event}, the values in {@code columns} order (null: a column of the table
     * that TH no longer fills).
     */
    static void append(DuckDBAppender appender, Column[] columns, CanonicalEvent event) throws SQLException {
        appender.beginRow();
        for (Column c : columns) {
            if (c == null) {
                appender.appendNull();
            } else {
                value(appender, c, event.get(c));
            }
        }
        appender.endRow();
    }

    private static void value(DuckDBAppender appender, Column c, Object v) throws SQLException {
        if (v == null) {
            appender.appendNull();
            return;
        }
        switch (c.type()) {
            case TEXT, JSON -> appender.append(v.toString());
            case INT -> appender.append(((Number) v).intValue());
            case BIGINT -> appender.append(((Number) v).longValue());
            case BOOLEAN -> appender.append(((Boolean) v).booleanValue());
            case TIMESTAMP -> {
                Instant t = (Instant) v;
                appender.appendEpochMicros(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L),
                        t.getNano() / 1000));
            }
            case DATE -> appender.appendEpochDays((int) ((LocalDate) v).toEpochDay());
            default -> throw new IllegalStateException("unknown column type " + c.type());
        }
    }
}
