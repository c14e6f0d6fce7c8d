package dev.th;

import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_ioas}: the indicators of attack the hunting rules raised. Options:
 * {@code rules} (hunting rule names containing any of these texts), {@code period}. Reads the
 * store's {@code ioas} table; a store without it (no hunt has run) has no IoAs.
 */
public final class IoasQuery {
    private final Session session;
    private final String muid;
    private final String clientId;
    private final java.util.function.Supplier<TimePeriod> defaultPeriod;
    private TimePeriod period;
    private final List<Cond> filters = new ArrayList<>();

    IoasQuery(Session session, String muid, String clientId, java.util.function.Supplier<TimePeriod> defaultPeriod) {
        this.session = session;
        this.muid = muid;
        this.clientId = clientId;
        this.defaultPeriod = defaultPeriod;
    }

    /** The seed's {@code rules}: rule names containing any of these texts (case ignored). */
    public IoasQuery rules(String... rules) {
        List<Cond> any = new ArrayList<>();
        for (String r : Ask.list(rules, "rules")) {
            any.add(Cond.contains("huntingRule", r));
        }
        filters.add(Cond.or(any));
        return this;
    }

    public IoasQuery period(TimePeriod p) {
        this.period = p;
        return this;
    }

    public IoasQuery period(String text) {
        return period(TimePeriod.parse(text));
    }

    /** Runs the question: IoAs in time order. */
    public Hits<IoA> fetch() {
        if (!session.engine.hasTable(Session.IOAS)) {
            return new Hits<>(SeedColumns.IOAS, List.of(), null);
        }
        TimePeriod p = period != null ? period : defaultPeriod.get();
        TimePeriod.Range r = p.resolve(session.clock);
        Query q = Query.from(Session.IOAS);
        if (muid != null) {
            q = q.where(Cond.eq("muid", muid));
        }
        if (clientId != null) {
            q = q.where(Cond.eq("clientId", clientId));
        }
        for (Cond f : filters) {
            q = q.where(f);
        }
        if (r.from() != null) {
            q = q.where(Cond.cmp("alertDateTime", Cond.Op.GE, r.from()));
        }
        if (r.to() != null) {
            q = q.where(Cond.cmp("alertDateTime", Cond.Op.LT, r.to()));
        }
        int max = Ask.maxRows();
        Table t = session.run(q.selectColumns(SeedColumns.IOAS).orderBy(Expr.col("alertDateTime"), false).limit(max + 1));
        if (t.rows().size() > max) {
            throw new Ask.AnswerTooLarge(max, "ask a shorter period, or fewer rules (rules(...))");
        }
        List<IoA> rows = new ArrayList<>();
        for (Object[] row : t.rows()) {
            rows.add(new IoA(session, t.columns(), row));
        }
        return new Hits<>(SeedColumns.IOAS, rows, null);
    }

    public org.dflib.DataFrame frame() {
        return fetch().frame();
    }
}
