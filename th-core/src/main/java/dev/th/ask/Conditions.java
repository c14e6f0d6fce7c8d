package dev.th.ask;

import dev.th.TimePeriod;
import dev.th.model.Column;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The conditions and column lists every question shares: one process per row, the period, the keys. */
public final class Conditions {
    /**
     * Leaves out the records that repeat another of the same process (the Security 4688 of a
     * process Sysmon 1 logged too): one process is one row.
     */
    public static final Cond SINGLE = Cond.isNull("Duplicate");

    private Conditions() {
    }

    /** The columns of the store to select: those asked plus the keys pivots need. */
    public static List<String> storedColumns(List<String> wanted) {
        Set<String> stored = new LinkedHashSet<>();
        for (String c : SeedColumns.concat(wanted, SeedColumns.KEYS)) {
            if (isStored(c)) {
                stored.add(c);
            }
        }
        return new ArrayList<>(stored);
    }

    /** Whether {@code column} is a column of the store (rather than one TH computes). */
    public static boolean isStored(String column) {
        for (Column c : Column.values()) {
            if (c.name().equals(column)) {
                return true;
            }
        }
        return false;
    }

    /** The events of period {@code p} (by the session's clock), or null when it is every time. */
    public static Cond periodCondition(TimePeriod p, Session session) {
        TimePeriod.Range r = p.resolve(session.clock);
        List<Cond> c = new ArrayList<>();
        if (r.from() != null) {
            c.add(Cond.cmp("DateTime", Cond.Op.GE, r.from()));
        }
        if (r.to() != null) {
            c.add(Cond.cmp("DateTime", Cond.Op.LT, r.to()));
        }
        return c.isEmpty() ? null : Cond.and(c);
    }

    /** When period {@code p} hid every event of {@code table} matching {@code withoutPeriod}: which period holds them. */
    public static String explainEmpty(Session session, String table, Cond withoutPeriod, TimePeriod p) {
        if (p.isAll()) {
            return null;
        }
        Table t = session.run(Query.from(table).where(withoutPeriod)
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "Last")
                .select(Expr.count(), "N"));
        Object[] r = t.rows().get(0);
        long n = ((Number) r[2]).longValue();
        if (n == 0) {
            return null;
        }
        LocalDate first = LocalDate.ofInstant((Instant) r[0], ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant((Instant) r[1], ZoneOffset.UTC);
        TimePeriod.Range range = p.resolve(session.clock);
        return "nothing in period " + p + " (" + range.from() + " .. " + range.to() + "); the " + n
                + " matching events are in " + first + ".." + last + " (use that period, or 'all')";
    }
}
