package dev.th;

import dev.th.ask.Conditions;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;

/**
 * A question given a {@link Histogram}: its answer is buckets (DateTime, [split column], Count)
 * instead of rows. Obtained from any question's {@code histogram(h)}.
 */
public final class Buckets {
    private final Session session;
    private final String table;
    private final Cond condition;
    private final Cond withoutPeriod;
    private final Histogram histogram;
    private final TimePeriod period;
    /** Why nothing could match whatever the period, or null. */
    private final java.util.function.Supplier<String> noData;

    Buckets(Session session, String table, Cond withoutPeriod, List<String> allowedSplit, Histogram histogram, TimePeriod period,
            java.util.function.Supplier<String> noData) {
        this.noData = noData;
        this.session = session;
        this.table = table;
        this.withoutPeriod = withoutPeriod;
        Cond p = Conditions.periodCondition(period, session);
        this.condition = p == null ? withoutPeriod : Cond.and(List.of(withoutPeriod, p));
        this.histogram = histogram;
        this.period = period;
        String split = histogram.splitColumn();
        if (split != null && (!allowedSplit.contains(split) || !Conditions.isStored(split))) {
            List<String> ok = new ArrayList<>();
            for (String c : allowedSplit) {
                if (Conditions.isStored(c) && !c.equals("DateTime") && !c.equals("Date")) {
                    ok.add(c);
                }
            }
            throw new IllegalArgumentException("cannot split a histogram by '" + split + "'; allowed: " + String.join(", ", ok));
        }
    }

    /** Runs the histogram: one row per bucket (and split value), in time order. */
    public Hits<Bucket> fetch() {
        Expr bucket = Expr.call(histogram.interval() == Histogram.Interval.HOUR ? Expr.Fn.TRUNC_HOUR : Expr.Fn.TRUNC_DAY,
                Expr.col("DateTime"));
        String split = histogram.splitColumn();
        Query q = Query.from(table).where(condition).select(bucket, "DateTime");
        List<String> columns = new ArrayList<>(List.of("DateTime"));
        if (split != null) {
            Table top = session.run(Query.from(table).where(condition)
                    .where(Cond.not(Cond.isNull(split)))
                    .select(Expr.col(split), split).select(Expr.count(), "N")
                    .groupBy(Expr.col(split))
                    .orderBy(Expr.count(), true).orderBy(Expr.col(split), false)
                    .limit(histogram.top()));
            List<Object> values = new ArrayList<>();
            for (Object[] r : top.rows()) {
                values.add(r[0]);
            }
            q = q.where(Cond.in(split, values)).select(Expr.col(split), split);
            columns.add(split);
        }
        q = q.select(Expr.count(), "Count").groupBy(bucket);
        if (split != null) {
            q = q.groupBy(Expr.col(split));
        }
        q = q.orderBy(bucket, false);
        if (split != null) {
            q = q.orderBy(Expr.col(split), false);
        }
        columns.add("Count");
        Table t = session.run(q);
        List<Bucket> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            rows.add(new Bucket(session, t.columns(), r, split));
        }
        String why = rows.isEmpty() ? Conditions.explainEmpty(session, table, withoutPeriod, period) : null;
        if (rows.isEmpty() && why == null) {
            why = noData.get();
        }
        return new Hits<>(columns, rows, why);
    }

    /** {@code fetch().frame()}. */
    public DataFrame frame() {
        return fetch().frame();
    }

    /** The period the buckets cover. */
    public TimePeriod period() {
        return period;
    }
}
