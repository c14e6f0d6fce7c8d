package dev.th.store;

import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import org.duckdb.DuckDBAppender;

/**
 * Appends canonical rows through a DuckDB appender, in a table's own column order. A row can be
 * encoded first ({@link #encode}: text as UTF-8, times as DuckDB's numbers) on another thread, so
 * that the thread holding the appender only copies values.
 */
final class RowAppender {
    private RowAppender() {
    }

    /**
     * One row of {@code event}, the values in {@code columns} order (null: a column of the table
     * that TH no longer fills).
     */
    static void append(DuckDBAppender appender, Column[] columns, CanonicalEvent event) throws SQLException {
        appendEncoded(appender, columns, encode(columns, event));
    }

    /** The values of {@code event} in {@code columns} order, in the form {@link #appendEncoded} takes. */
    static Object[] encode(Column[] columns, CanonicalEvent event) {
        Object[] out = new Object[columns.length];
        for (int i = 0; i < out.length; i++) {
            Column c = columns[i];
            Object v = c == null ? null : event.get(c);
            out[i] = v == null ? null : switch (c.type()) {
                case TEXT, JSON -> v.toString().getBytes(StandardCharsets.UTF_8);
                case INT -> ((Number) v).intValue();
                case BIGINT -> ((Number) v).longValue();
                case BOOLEAN -> (Boolean) v;
                case TIMESTAMP -> epochMicros((Instant) v);
                case DATE -> (int) ((LocalDate) v).toEpochDay();
                default -> throw new IllegalStateException("unknown column type " + c.type());
            };
        }
        return out;
    }

    /** One row of values made by {@link #encode} with the same {@code columns}. */
    static void appendEncoded(DuckDBAppender appender, Column[] columns, Object[] values) throws SQLException {
        appender.beginRow();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                appender.appendNull();
                continue;
            }
            switch (columns[i].type()) {
                case TEXT, JSON -> appender.append((byte[]) v);
                case INT -> appender.append(((Integer) v).intValue());
                case BIGINT -> appender.append(((Long) v).longValue());
                case BOOLEAN -> appender.append(((Boolean) v).booleanValue());
                case TIMESTAMP -> appender.appendEpochMicros((Long) v);
                case DATE -> appender.appendEpochDays((Integer) v);
                default -> throw new IllegalStateException("unknown column type " + columns[i].type());
            }
        }
        appender.endRow();
    }

    private static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
