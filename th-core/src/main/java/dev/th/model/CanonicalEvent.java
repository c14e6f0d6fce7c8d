package dev.th.model;

import java.util.Arrays;

/**
 * One normalized event: a row of the canonical table, values indexed by {@link Column}.
 * Value classes by column type: TEXT/JSON String, INT Integer, BIGINT Long, BOOLEAN Boolean,
 * TIMESTAMP java.time.Instant (UTC), DATE java.time.LocalDate.
 */
public final class CanonicalEvent {
    private static final Column[] COLUMNS = Column.values();
    private final Object[] values = new Object[COLUMNS.length];

    public Object get(Column c) {
        return values[c.ordinal()];
    }

    public CanonicalEvent set(Column c, Object v) {
        values[c.ordinal()] = v;
        return this;
    }

    public String text(Column c) {
        Object v = values[c.ordinal()];
        return v == null ? null : v.toString();
    }

    /** The values in {@link Column} order (a copy). */
    public Object[] values() {
        return values.clone();
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
