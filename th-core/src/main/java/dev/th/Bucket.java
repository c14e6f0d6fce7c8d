package dev.th;

import dev.th.ask.Session;
import java.time.Instant;
import java.util.List;

/**
 * One bucket of a {@link Histogram}: the bucket's start ({@code DateTime}), the split column's
 * value when the histogram is split, and {@code Count}.
 */
public final class Bucket extends Row {
    private final String split;

    Bucket(Session session, List<String> columns, Object[] values, String split) {
        super(session, columns, values);
        this.split = split;
    }

    /** The bucket's start (UTC). */
    public Instant time() {
        return instant("DateTime");
    }

    /** The split column's value (null when not split, or for rows whose value is null). */
    public String splitValue() {
        return split == null ? null : text(split);
    }

    /** How many rows fell in this bucket. */
    public long count() {
        return number("Count");
    }
}
