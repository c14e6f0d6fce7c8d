package dev.th.ask;

import dev.th.TimePeriod;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dflib.DataFrame;

/**
 * The seed's {@code get_timetable}: per user, weekday (1..7, Monday = 1) and hour (0..23), the
 * mean and the standard deviation (population) of the number of actions in that hour over every
 * occurrence of that weekday in the period, days without actions counting as zero. So AvgActions
 * times the number of such weekdays is the number of actions. A period open at an end (such as
 * {@code all}) ends there at the first or last day the scope has events. An action with no user
 * is counted under its process's user (the store joins it from the process's creation), and
 * under {@value #NO_USER} when that is not known either.
 */
public final class Timetable {
    /** The user of actions whose user is not known. */
    static final String NO_USER = "(none)";

    private Timetable() {
    }

    /** One cell's counts: the sum and the sum of squares of the actions per day. */
    private static final class Cell {
        double sum;
        double squares;
    }

    public static DataFrame of(Session session, Cond scope, TimePeriod period) {
        List<Cond> c = new ArrayList<>(List.of(scope, Conditions.SINGLE));
        Cond pc = Conditions.periodCondition(period, session);
        if (pc != null) {
            c.add(pc);
        }
        Expr user = Expr.col("LoggedUser");
        Expr day = Expr.call(Expr.Fn.DAY, Expr.col("DateTime"));
        Expr hour = Expr.call(Expr.Fn.HOUR, Expr.col("DateTime"));
        Table t = session.run(Query.from(Session.EVENTS).where(Cond.and(c))
                .select(user, "LoggedUser").select(day, "D").select(hour, "H")
                .select(Expr.count(), "N")
                .groupBy(user, day, hour));
        return fromCounts(t.rows(), period.resolve(session.clock));
    }

    /**
     * The timetable of counted actions: rows of (LoggedUser, day as a LocalDate, hour, count), as
     * one pass over the events grouped by user, day and hour gives them (several machines' at once
     * when split by machine first), over {@code range} (an open end: the first or last day counted).
     */
    public static DataFrame fromCounts(List<Object[]> counts, TimePeriod.Range range) {
        Map<String, Cell> cells = new TreeMap<>();
        LocalDate first = null;
        LocalDate last = null;
        for (Object[] r : counts) {
            LocalDate d = (LocalDate) r[1];
            first = first == null || d.isBefore(first) ? d : first;
            last = last == null || d.isAfter(last) ? d : last;
            double n = ((Number) r[3]).doubleValue();
            String who = r[0] == null ? NO_USER : (String) r[0];
            Cell cell = cells.computeIfAbsent(key(who, d.getDayOfWeek().getValue(), ((Number) r[2]).intValue()),
                    k -> new Cell());
            cell.sum += n;
            cell.squares += n * n;
        }
        int[] weekdays = first == null ? new int[8] : weekdays(range, first, last);
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Cell> e : cells.entrySet()) {
            String[] k = e.getKey().split("\u0000", -1);
            int wd = Integer.parseInt(k[1]);
            double days = Math.max(1, weekdays[wd]);
            double avg = e.getValue().sum / days;
            double var = e.getValue().squares / days - avg * avg;
            rows.add(new Object[] {k[0], wd, Integer.parseInt(k[2]), avg, Math.sqrt(Math.max(0, var))});
        }
        return Frames.of(new Table(SeedColumns.TIMETABLE, rows), SeedColumns.TIMETABLE);
    }

    /** Sorts as LoggedUser, Weekday, Hour. */
    private static String key(String user, int weekday, int hour) {
        return user + "\u0000" + weekday + "\u0000" + String.format("%02d", hour);
    }

    /**
     * How many times each ISO weekday (index 1..7) occurs in {@code range}; an open end is the
     * first or last day with events.
     */
    static int[] weekdays(TimePeriod.Range range, LocalDate firstEvent, LocalDate lastEvent) {
        LocalDate from = range.from() == null ? firstEvent : day(range.from());
        LocalDate to = range.to() == null ? lastEvent : day(range.to().minusNanos(1));
        int[] n = new int[8];
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            n[d.getDayOfWeek().getValue()]++;
        }
        return n;
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
