package dev.th;

import dev.th.ask.Rows;
import dev.th.ask.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of an answer: the values by column name. Typed row classes ({@link Process},
 * {@link Connection}, ...) extend it with getters and pivots. A row may hold more columns than
 * its answer shows (keys such as ClientId or process GUIDs that pivots need).
 */
public abstract class Row {
    final Session session;
    private final List<String> columns;
    private final Object[] values;

    static {
        Rows.install(new Access());
    }

    Row(Session session, List<String> columns, Object[] values) {
        this.session = session;
        this.columns = columns;
        this.values = values;
    }

    /** The value of {@code column}, or null when the row has no such column or no value. */
    public Object get(String column) {
        int i = columns.indexOf(column);
        return i < 0 ? null : values[i];
    }

    /** Whether the row carries {@code column}. */
    public boolean has(String column) {
        return columns.contains(column);
    }

    /** Every column the row carries, with its value. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            m.put(columns.get(i), values[i]);
        }
        return m;
    }

    String text(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    Long number(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).longValue();
    }

    Integer integer(String column) {
        Object v = get(column);
        return v == null ? null : ((Number) v).intValue();
    }

    Boolean bool(String column) {
        return (Boolean) get(column);
    }

    Instant instant(String column) {
        return (Instant) get(column);
    }

    LocalDate date(String column) {
        return (LocalDate) get(column);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + toMap();
    }

    /** What the query building of {@code dev.th.ask} may do with rows (see {@link Rows}). */
    private static final class Access extends Rows {
        @Override
        public Session session(Row row) {
            return row.session;
        }

        @Override
        public String text(Row row, String column) {
            return row.text(column);
        }

        @Override
        public TimePeriod period(Process p) {
            return p.period;
        }

        @Override
        public Process process(Session session, List<String> columns, Object[] values, TimePeriod period) {
            Process p = new Process(session, columns, values);
            p.period = period;
            return p;
        }

        @Override
        public <T extends Row> Hits<T> hits(List<String> columns, List<T> rows, String emptyBecause) {
            return new Hits<>(columns, rows, emptyBecause);
        }
    }
}
