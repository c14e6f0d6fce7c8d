package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A row of {@link SessionsQuery}: one logon session (columns in docs/api.md "Sessions"), and the
 * pivot to the processes that ran in it.
 */
public final class LogonSession extends Row {
    /** How many generations of children without a LogonId {@link #processes()} follows. */
    private static final int TREE_DEPTH = 16;

    LogonSession(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    public Instant start() {
        return instant("Start");
    }

    /** The logoff, or the next boot; null while the logs show no end. */
    public Instant end() {
        return instant("End");
    }

    public String muid() {
        return text("Muid");
    }

    public String loggedUser() {
        return text("LoggedUser");
    }

    public String logonId() {
        return text("LogonId");
    }

    /** The elevated half of a UAC pair, or null. */
    public String linkedLogonId() {
        return text("LinkedLogonId");
    }

    public String logonType() {
        return text("LogonType");
    }

    public String remoteIp() {
        return text("RemoteIp");
    }

    public Boolean remote() {
        return bool("Remote");
    }

    public Boolean elevated() {
        return bool("Elevated");
    }

    public Long reconnects() {
        return number("Reconnects");
    }

    /**
     * The processes created in this session: by its LogonIds (both halves of a UAC pair) on its
     * machine between its start and end, and the children of those that log no LogonId (through
     * the process tree, by parent GUID). The question's period defaults to the session's span;
     * the session's span bounds it whatever period it is given.
     */
    public ExecutionsQuery processes() {
        List<String> ids = new ArrayList<>();
        ids.add(logonId());
        if (linkedLogonId() != null) {
            ids.add(linkedLogonId());
        }
        Cond machine = Cond.eq("Muid", muid());
        Cond creates = Cond.and(List.of(machine, Cond.eq("Family", "process"), Cond.eq("Operation", "create")));
        Instant to = end() != null ? end().plusSeconds(1) : Instant.parse("9999-01-01T00:00:00Z");
        Cond window = Cond.and(List.of(Cond.cmp("DateTime", Cond.Op.GE, start()), Cond.cmp("DateTime", Cond.Op.LT, to)));
        Set<String> guids = new LinkedHashSet<>();
        Set<String> frontier = guids(Cond.and(List.of(creates, window, Cond.in("LogonId", ids))));
        for (int depth = 0; depth < TREE_DEPTH && !frontier.isEmpty(); depth++) {
            guids.addAll(frontier);
            Set<String> next = guids(Cond.and(List.of(creates, window, Cond.isNull("LogonId"),
                    Cond.in("ParentGuid", new ArrayList<>(frontier)))));
            next.removeAll(guids);
            frontier = next;
        }
        List<Cond> in = new ArrayList<>(List.of(Cond.in("LogonId", ids)));
        if (!guids.isEmpty()) {
            in.add(Cond.and(List.of(Cond.isNull("LogonId"), Cond.in("ChildGuid", new ArrayList<>(guids)))));
        }
        TimePeriod p = TimePeriod.between(start(), to);
        Scope scope = new Scope(Cond.and(List.of(machine, window, Cond.or(in))), () -> p, "session " + logonId() + " of " + loggedUser());
        return new ExecutionsQuery(session, scope, SeedColumns.MACHINE_EXECUTIONS).operation(Operation.Process.CREATE);
    }

    private Set<String> guids(Cond c) {
        Table t = session.run(Query.from(Session.EVENTS).where(Cond.and(List.of(c, Cond.not(Cond.isNull("ChildGuid")))))
                .select(Expr.col("ChildGuid"), "ChildGuid").distinct());
        Set<String> out = new LinkedHashSet<>();
        for (Object[] r : t.rows()) {
            out.add((String) r[0]);
        }
        return out;
    }
}
