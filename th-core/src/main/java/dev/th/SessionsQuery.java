package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.Session;
import dev.th.ask.Views;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.util.List;

/**
 * Logon sessions ({@code Machine.sessions()}, {@code User.sessions()}): one row per logon
 * session, keyed by machine, boot and LogonId, computed by the engine from the logon rows (the
 * store's {@code sessions} view; docs/normalize.md "Sessions"). Options: {@code user},
 * {@code remote} (network, Remote Desktop, or from another address), {@code type} (logon types),
 * {@code period} (sessions that began in it), {@code histogram}. Failed logons and explicit
 * credentials are not sessions: {@code Machine.logons().operation("failed", "explicit")}.
 */
public final class SessionsQuery extends Ask<LogonSession, SessionsQuery> {
    static final String VIEW = "sessions";
    static final List<String> COLUMNS = List.of("Start", "End", "Muid", "LoggedUser", "LogonId", "LinkedLogonId", "LogonType",
            "LogonKind", "RemoteIp", "Workstation", "AuthPackage", "LogonProcess", "Elevated", "Remote", "Reconnects",
            "ReconnectedFrom", "Processes", "EndedBy", "Seconds", "Boot");

    SessionsQuery(Session session, Scope scope) {
        super(session, scope, COLUMNS, LogonSession::new, null);
    }

    /** The view's own columns (the row keys of events rows are not in it). */
    @Override
    Query rowsQuery(Query filtered) {
        return filtered.selectColumns(dev.th.ask.SeedColumns.concat(columns(), List.of("ClientId", "MachineName", "DateTime")))
                .orderBy(Expr.col("DateTime"), false);
    }

    @Override
    String table() {
        return VIEW;
    }

    /** Sessions of these users ({@code DOMAIN\\name} or {@code name}). */
    public SessionsQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** Only the remote sessions: network (type 3), Remote Desktop (10), or from an address other than loopback. */
    public SessionsQuery remote() {
        filters.add(Cond.eq("Remote", true));
        return this;
    }

    /** Sessions of these logon types (numbers: 2 interactive, 3 network, 10 remote interactive, ...). */
    public SessionsQuery type(String... types) {
        filters.add(Cond.in("LogonType", list(types, "type").stream().map(String::trim).toList()));
        return this;
    }

    @Override
    public Hits<LogonSession> fetch() {
        Views.require(session, VIEW);
        return super.fetch();
    }

    @Override
    boolean streams() {
        Views.require(session, VIEW);
        return super.streams();
    }

    @Override
    String noData() {
        return Views.noneOf(session, scope, Cond.and(List.of(Cond.eq("Family", "logon"), Cond.eq("Operation", "logon"))), "no logon event (Security 4624) is stored for this scope: there are no sessions to show");
    }
}
