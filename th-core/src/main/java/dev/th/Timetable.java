package dev.th;

import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;

/**
 * The seed's {@code get_timetable}: per user, weekday (1..7, Monday = 1) and hour (0..23), the
 * average and the standard deviation (population) of the number of events in that hour, over
 * the days of that weekday on which the user had events in that hour. So AvgActions times the
 * number of such days is the number of events, and a period of one day gives the counts
 * themselves with StdActions 0.
 */
final class Timetable {
    private Timetable() {
    }

    static DataFrame of(Session session, Cond scope, TimePeriod period) {
        List<Cond> c = new ArrayList<>(List.of(scope));
        Cond pc = Ask.periodCondition(period, session);
        if (pc != null) {
            c.add(pc);
        }
        Expr day = Expr.call(Expr.Fn.DAY, Expr.col("DateTime"));
        Expr hour = Expr.call(Expr.Fn.HOUR, Expr.col("DateTime"));
        Query perHour = Query.from(Session.EVENTS).where(Cond.and(c))
                .select(Expr.col("LoggedUser"), "LoggedUser").select(day, "D").select(hour, "H")
                .select(Expr.count(), "N")
                .groupBy(Expr.col("LoggedUser"), day, hour);
        Expr weekday = Expr.call(Expr.Fn.ISO_WEEKDAY, Expr.col("D"));
        Query q = Query.from(perHour)
                .select(Expr.col("LoggedUser"), "LoggedUser").select(weekday, "Weekday").select(Expr.col("H"), "Hour")
                .select(Expr.call(Expr.Fn.AVG, Expr.col("N")), "AvgActions")
                .select(Expr.call(Expr.Fn.STDDEV_POP, Expr.col("N")), "StdActions")
                .groupBy(Expr.col("LoggedUser"), weekday, Expr.col("H"))
                .orderBy(Expr.col("LoggedUser"), false).orderBy(weekday, false).orderBy(Expr.col("H"), false);
        Table t = session.run(q);
        for (Object[] r : t.rows()) {
            r[1] = ((Number) r[1]).intValue();
            r[2] = ((Number) r[2]).intValue();
            r[3] = ((Number) r[3]).doubleValue();
            r[4] = r[4] == null ? 0.0 : ((Number) r[4]).doubleValue();
        }
        return Frames.of(t, SeedColumns.TIMETABLE);
    }
}
