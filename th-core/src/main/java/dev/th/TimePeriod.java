package dev.th;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The seed's TimePeriod: the time window of a question. {@link #today()} is the seed's default;
 * {@link #lastDays(int)}, {@link #between(Instant, Instant)}, {@link #days(LocalDate, LocalDate)}
 * and {@link #all()} cover the rest. All times are UTC. Parsed from text by {@link #parse}:
 * {@code today}, {@code 7d}, {@code 2019-03-01..2019-03-31} (whole days, both included),
 * {@code 2019-03-01T10:00:00Z..2019-03-01T12:00:00Z}, {@code 2019-03-01}, {@code all}.
 */
public final class TimePeriod {

    /** The resolved window: {@code from} inclusive, {@code to} exclusive; null ends mean open. */
    public record Range(Instant from, Instant to) {
    }

    private enum Type { TODAY, LAST_DAYS, BETWEEN, ALL }

    private static final TimePeriod TODAY = new TimePeriod(Type.TODAY, 1, null, null);
    private static final TimePeriod ALL = new TimePeriod(Type.ALL, 0, null, null);

    private final Type type;
    private final int days;
    private final Instant from;
    private final Instant to;

    private TimePeriod(Type type, int days, Instant from, Instant to) {
        this.type = type;
        this.days = days;
        this.from = from;
        this.to = to;
    }

    /** Today (UTC), the seed's default. */
    public static TimePeriod today() {
        return TODAY;
    }

    /** The last {@code n} days: today and the {@code n - 1} days before it. */
    public static TimePeriod lastDays(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a period of the last N days needs N >= 1, got " + n);
        }
        return new TimePeriod(Type.LAST_DAYS, n, null, null);
    }

    /** From {@code from} (inclusive) to {@code to} (exclusive). */
    public static TimePeriod between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("period end " + to + " is not after its start " + from);
        }
        return new TimePeriod(Type.BETWEEN, 0, from, to);
    }

    /** Whole days {@code first..last}, both included. */
    public static TimePeriod days(LocalDate first, LocalDate last) {
        return between(first.atStartOfDay().toInstant(ZoneOffset.UTC),
                last.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** All the data, whatever its time. */
    public static TimePeriod all() {
        return ALL;
    }

    /** Parses {@code today}, {@code Nd}, {@code D1..D2}, {@code T1..T2}, a single day, or {@code all}. */
    public static TimePeriod parse(String text) {
        String t = text == null ? "" : text.trim();
        String allowed = "; allowed: today, all, Nd (e.g. 7d), YYYY-MM-DD, YYYY-MM-DD..YYYY-MM-DD, "
                + "or two ISO instants joined by .. (e.g. 2019-03-01T10:00:00Z..2019-03-01T12:00:00Z)";
        try {
            if (t.equalsIgnoreCase("today")) {
                return today();
            }
            if (t.equalsIgnoreCase("all")) {
                return all();
            }
            if (t.matches("(?i)\\d+d")) {
                return lastDays(Integer.parseInt(t.substring(0, t.length() - 1)));
            }
            int dots = t.indexOf("..");
            if (dots > 0) {
                String a = t.substring(0, dots).trim();
                String b = t.substring(dots + 2).trim();
                if (a.length() == 10 && b.length() == 10) {
                    return days(LocalDate.parse(a), LocalDate.parse(b));
                }
                return between(Instant.parse(a), Instant.parse(b));
            }
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return days(d, d);
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad period '" + text + "': " + e.getMessage() + allowed, e);
        }
        throw new IllegalArgumentException("bad period '" + text + "'" + allowed);
    }

    /** The window this period means at the instant {@code clock} gives. */
    public Range resolve(Clock clock) {
        Instant startOfToday = clock.instant().truncatedTo(ChronoUnit.DAYS);
        return switch (type) {
            case TODAY -> new Range(startOfToday, startOfToday.plus(1, ChronoUnit.DAYS));
            case LAST_DAYS -> new Range(startOfToday.minus(days - 1L, ChronoUnit.DAYS), startOfToday.plus(1, ChronoUnit.DAYS));
            case BETWEEN -> new Range(from, to);
            case ALL -> new Range(null, null);
        };
    }

    /** Whether this period is {@link #all()}. */
    public boolean isAll() {
        return type == Type.ALL;
    }

    /** How many calendar days (UTC) the window touches; -1 for {@link #all()}. */
    public long calendarDays(Clock clock) {
        if (type == Type.ALL) {
            return -1;
        }
        Range r = resolve(clock);
        Instant first = r.from().truncatedTo(ChronoUnit.DAYS);
        Instant lastIncluded = r.to().minusNanos(1).truncatedTo(ChronoUnit.DAYS);
        return ChronoUnit.DAYS.between(first, lastIncluded) + 1;
    }

    /** The period as {@link #parse} reads it back. */
    @Override
    public String toString() {
        return switch (type) {
            case TODAY -> "today";
            case ALL -> "all";
            case LAST_DAYS -> days + "d";
            case BETWEEN -> {
                boolean wholeDays = from.equals(from.truncatedTo(ChronoUnit.DAYS)) && to.equals(to.truncatedTo(ChronoUnit.DAYS));
                yield wholeDays
                        ? LocalDate.ofInstant(from, ZoneOffset.UTC) + ".." + LocalDate.ofInstant(to, ZoneOffset.UTC).minusDays(1)
                        : from + ".." + to;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimePeriod p && p.type == type && p.days == days && Objects.equals(p.from, from) && Objects.equals(p.to, to);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, days, from, to);
    }
}
