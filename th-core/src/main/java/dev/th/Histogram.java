package dev.th;

import dev.th.ask.Allowed;
import java.util.Objects;

/**
 * The seed's Histogram: counts per hour or per day, optionally split by a column (one series
 * per value, limited to the column's {@code top} most frequent values). Given to a query
 * ({@code .histogram(h)}) it makes the query return {@link Bucket}s instead of rows.
 * Parsed from text by {@link #parse}: {@code hour}, {@code day}, {@code day:ParentFilename:5}.
 */
public final class Histogram {

    /** The bucket width. */
    public enum Interval implements Labeled {
        HOUR, DAY;

        @Override
        public String label() {
            return Allowed.lower(name());
        }
    }

    private final Interval interval;
    private final String split;
    private final int top;

    private Histogram(Interval interval, String split, int top) {
        this.interval = interval;
        this.split = split;
        this.top = top;
    }

    /** Counts per hour. */
    public static Histogram byHour() {
        return new Histogram(Interval.HOUR, null, 0);
    }

    /** Counts per day. */
    public static Histogram byDay() {
        return new Histogram(Interval.DAY, null, 0);
    }

    /**
     * Splits each bucket by the values of {@code column} (a seed column of the query, e.g.
     * {@code ParentFilename}), keeping its {@code top} most frequent values over the period.
     */
    public Histogram split(String column, int top) {
        if (top < 1) {
            throw new IllegalArgumentException("histogram top must be >= 1, got " + top);
        }
        return new Histogram(interval, Objects.requireNonNull(column, "column"), top);
    }

    /** Parses {@code hour}, {@code day}, or {@code hour|day:COLUMN:TOP}. */
    public static Histogram parse(String text) {
        String[] parts = text == null ? new String[] {""} : text.trim().split(":", -1);
        Interval iv = Allowed.parse(Interval.class, "histogram interval", parts[0]);
        Histogram h = iv == Interval.HOUR ? byHour() : byDay();
        if (parts.length == 1) {
            return h;
        }
        if (parts.length == 3 && parts[2].matches("\\d+")) {
            return h.split(parts[1], Integer.parseInt(parts[2]));
        }
        throw new IllegalArgumentException("bad histogram '" + text + "'; allowed: hour, day, or hour|day:COLUMN:TOP (e.g. day:ParentFilename:5)");
    }

    public Interval interval() {
        return interval;
    }

    /** The split column, or null. */
    public String splitColumn() {
        return split;
    }

    /** How many values of the split column are kept (0 when not split). */
    public int top() {
        return top;
    }

    @Override
    public String toString() {
        return interval.label() + (split == null ? "" : ":" + split + ":" + top);
    }
}
