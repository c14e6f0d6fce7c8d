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
import java.util.List;
import java.util.Map;

/**
 * A file: a row of {@code get_files} (an action over a file; Child = the file, Parent = the
 * process that acted) and the pivot from a file to the machines, executions and detections
 * that involve it. As a filter ({@code file=} of the seed), {@link #of(String)} takes an MD5
 * (32 hex digits), a path (with a backslash or slash) or a file name, all compared ignoring case.
 */
public final class File extends Row {
    private static final List<String> SPEC = List.of("ChildMd5", "ChildPath", "ChildFilename");

    File(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    /** A file to filter by: an MD5, a path or a name (not bound to a store: no pivots). */
    public static File of(String md5OrPathOrName) {
        String t = md5OrPathOrName == null ? "" : md5OrPathOrName.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a file filter needs an MD5, a path or a file name; got nothing");
        }
        return spec(null, t);
    }

    static File spec(Session session, String t) {
        Object[] v = new Object[3];
        if (t.matches("(?i)[0-9a-f]{32}")) {
            v[0] = t.toLowerCase(java.util.Locale.ROOT);
        } else if (t.contains("\\") || t.contains("/")) {
            v[1] = t;
        } else {
            v[2] = t;
        }
        return new File(session, SPEC, v);
    }

    /** Files from text values (each as {@link #of(String)}). */
    public static List<File> of(String... values) {
        List<File> out = new ArrayList<>();
        for (String v : values) {
            out.add(of(v));
        }
        return out;
    }

    /** The file's MD5 (lower case), or null when unknown. */
    public String md5() {
        String m = text("ChildMd5");
        return m == null ? null : m.toLowerCase(java.util.Locale.ROOT);
    }

    /** The file's path, or null. */
    public String path() {
        return text("ChildPath");
    }

    /** The file's name, or null. */
    public String name() {
        String n = text("ChildFilename");
        if (n == null && path() != null) {
            String p = path();
            n = p.substring(Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/')) + 1);
        }
        return n;
    }

    /** When the action happened (rows of get_files). */
    public Instant dateTime() {
        return instant("DateTime");
    }

    /** The action's operation (create, modify, delete, ...), for rows of get_files. */
    public String operation() {
        return text("Operation");
    }

    public String muid() {
        return text("Muid");
    }

    public String loggedUser() {
        return text("LoggedUser");
    }

    /** The process that acted on the file (name). */
    public String parentFilename() {
        return text("ParentFilename");
    }

    public Long parentPid() {
        return number("ParentPid");
    }

    /** Matches events whose {@code prefix} side (Child or Parent) is this file. */
    Cond matches(String prefix) {
        if (md5() != null) {
            return Cond.inIgnoreCase(prefix + "Md5", List.of(md5()));
        }
        if (path() != null && !path().isEmpty()) {
            return Cond.inIgnoreCase(prefix + "Path", List.of(path()));
        }
        if (name() != null) {
            return Cond.inIgnoreCase(prefix + "Filename", List.of(name()));
        }
        throw new IllegalArgumentException("this file has no MD5, path or name to match: " + toMap());
    }

    private Session bound() {
        if (session == null) {
            throw new IllegalStateException("File.of(...) is only a filter; use th.file(...) or a query's rows to pivot");
        }
        return session;
    }

    private Scope fileScope() {
        Session s = bound();
        return new Scope(matches("Child"), s::defaultPeriod, "file " + (md5() != null ? md5() : name()));
    }

    /** The machines where this file was seen (as a process or a file action), with their events count. */
    public Hits<Machine> machines() {
        Session s = bound();
        Cond c = Cond.or(List.of(matches("Child"), matches("Parent")));
        return Machine.list(s, c);
    }

    /** Executions of this file (as the child process), on every machine: the seed's get_executions. */
    public ExecutionsQuery executions() {
        return new ExecutionsQuery(bound(), fileScope(), SeedColumns.MACHINE_EXECUTIONS);
    }

    /** Detections of this file, on every machine. */
    public DetectionsQuery detections() {
        return new DetectionsQuery(bound(), fileScope());
    }

    /** The first time this file was seen anywhere, or null. */
    public Instant firstSeen() {
        return seen(Expr.Fn.MIN);
    }

    /** The last time this file was seen anywhere, or null. */
    public Instant lastSeen() {
        return seen(Expr.Fn.MAX);
    }

    /**
     * The file's local prevalence: first and last seen, machines and events where it appears (as
     * the child or the acting process), out of the machines of the clients it was seen in.
     */
    public Prevalence prevalence() {
        return prevalence(bound(), Cond.or(List.of(matches("Child"), matches("Parent"))));
    }

    /** The prevalence of the events matching {@code where}, over the machines of the clients they belong to. */
    static Prevalence prevalence(Session s, Cond where) {
        Table t = s.run(Query.from(Session.EVENTS).where(where)
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "FirstSeen")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "LastSeen")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "Machines")
                .select(Expr.call(Expr.Fn.COUNT, Expr.col("Muid")), "Events"));
        Object[] r = t.rows().get(0);
        long machines = ((Number) r[2]).longValue();
        long fleet = 0;
        if (machines > 0) {
            Table clients = s.run(Query.from(Session.EVENTS).where(where).select(Expr.col("ClientId"), "ClientId").distinct());
            List<Object> ids = new ArrayList<>();
            for (Object[] c : clients.rows()) {
                ids.add(c[0]);
            }
            Table f = s.run(Query.from(Session.EVENTS).where(Cond.in("ClientId", ids))
                    .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "Fleet"));
            fleet = ((Number) f.rows().get(0)[0]).longValue();
        }
        return new Prevalence((Instant) r[0], (Instant) r[1], machines, ((Number) r[3]).longValue(), fleet);
    }

    private Instant seen(Expr.Fn fn) {
        Session s = bound();
        Table t = s.run(Query.from(Session.EVENTS).where(Cond.or(List.of(matches("Child"), matches("Parent"))))
                .select(Expr.call(fn, Expr.col("DateTime")), "T"));
        return (Instant) t.rows().get(0)[0];
    }

    @Override
    public Map<String, Object> toMap() {
        return super.toMap();
    }
}
