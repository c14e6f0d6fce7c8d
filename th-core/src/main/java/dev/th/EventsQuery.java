package dev.th;

import dev.th.ask.Conditions;
import dev.th.ask.Frames;
import dev.th.ask.Scope;
import dev.th.ask.Session;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;

/**
 * The seed's {@code get_events}: every event of the machine in a period of 1 or 2 days (the
 * seed's limit), or counts grouped {@code by} type (Channel, EventId, Events) or classification
 * (Family, Operation, Events).
 */
public final class EventsQuery {
    /** The columns of the ungrouped answer. */
    public static final List<String> COLUMNS = List.of("DateTime", "Muid", "MachineName", "Channel", "EventId",
            "RecordId", "Family", "Operation", "LoggedUser", "ParentFilename", "ChildFilename", "CommandLine", "Fields");
    private final Session session;
    private final Scope scope;
    private TimePeriod period;
    private EventsBy by;

    EventsQuery(Session session, Scope scope) {
        this.session = session;
        this.scope = scope;
    }

    /** The seed's {@code period}: 1 or 2 days only. */
    public EventsQuery period(TimePeriod p) {
        this.period = p;
        return this;
    }

    public EventsQuery period(String text) {
        return period(TimePeriod.parse(text));
    }

    /** The seed's {@code by}: {@code type} or {@code classif}; none lists the events. */
    public EventsQuery by(EventsBy by) {
        this.by = by;
        return this;
    }

    public EventsQuery by(String by) {
        return by(EventsBy.parse(by));
    }

    /** Runs the question. */
    public DataFrame frame() {
        TimePeriod p = period != null ? period : scope.period().get();
        long days = p.calendarDays(session.clock);
        if (days < 1 || days > 2) {
            throw new IllegalArgumentException("events: the period must cover 1 or 2 days (the seed's limit); "
                    + p + (days < 0 ? " is unbounded" : " covers " + days + " days"));
        }
        Query q = Query.from(Session.EVENTS).where(scope.cond()).where(Conditions.periodCondition(p, session));
        List<String> cols;
        if (by == null) {
            cols = COLUMNS;
            q = q.selectColumns(cols).orderBy(Expr.col("DateTime"), false).orderBy(Expr.col("RecordId"), false);
        } else {
            List<String> keys = by == EventsBy.TYPE ? List.of("Channel", "EventId") : List.of("Family", "Operation");
            cols = new ArrayList<>(keys);
            cols.add("Events");
            q = q.selectColumns(keys).select(Expr.count(), "Events");
            for (String k : keys) {
                q = q.groupBy(Expr.col(k));
            }
            q = q.orderBy(Expr.count(), true);
            for (String k : keys) {
                q = q.orderBy(Expr.col(k), false);
            }
        }
        int max = Ask.maxRows();
        Table t = session.run(q.limit(max + 1));
        if (t.rows().size() > max) {
            throw new Ask.AnswerTooLarge(max, "ask one family's question (executions(), files(), registry(), ...) and read it"
                    + " with stream(), or a shorter period");
        }
        return Frames.of(t, cols);
    }

}
