package dev.th.ask;

import dev.th.Hits;
import dev.th.Operation;
import dev.th.Process;
import dev.th.TimePeriod;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * Joins processes to their parents and children: by process GUID when the events carry one,
 * otherwise by pid on the same machine within the process's lifetime (creation up to its end or
 * the next creation of the same pid), so a reused pid never joins unrelated processes.
 */
public final class Lineage {
    private static final Rows ROWS = Rows.get();
    private static final int MAX_DEPTH = 64;
    private static final int MAX_NODES = 10_000;

    private Lineage() {
    }

    private static Query creations(Process p) {
        return Query.from(Session.EVENTS)
                .where(Cond.eq("Muid", p.muid()))
                .where(Cond.eq("Family", "process"))
                .where(Cond.eq("Operation", Operation.Process.CREATE.label()))
                .where(Conditions.SINGLE)
                .selectColumns(Conditions.storedColumns(SeedColumns.concat(SeedColumns.MACHINE_EXECUTIONS, SeedColumns.STARTERS)));
    }

    static List<Process> rows(Process origin, Table t) {
        List<Process> out = new ArrayList<>();
        for (Object[] r : t.rows()) {
            out.add(ROWS.process(ROWS.session(origin), t.columns(), r, ROWS.period(origin)));
        }
        return out;
    }

    /** The parent's creation, or a process made of the child's Parent columns when it was not logged. */
    public static Process parent(Process p) {
        Process found = loggedParent(p);
        if (found != null) {
            return found;
        }
        if (p.parentFilename() == null && p.parentPid() == null) {
            return null;
        }
        List<String> cols = List.of("Muid", "ClientId", "ChildFilename", "ChildPath", "ChildMd5", "ChildPid", "ChildGuid");
        return ROWS.process(ROWS.session(p), cols, new Object[] {p.muid(), p.clientId(), p.parentFilename(),
            ROWS.text(p, "ParentPath"), ROWS.text(p, "ParentMd5"), p.parentPid(), p.parentGuid()}, ROWS.period(p));
    }

    /** The logged creation of the parent, or null. */
    static Process loggedParent(Process p) {
        if (p.parentGuid() != null) {
            List<Process> r = rows(p, ROWS.session(p).run(creations(p).where(Cond.eq("ChildGuid", p.parentGuid()))
                    .orderBy(Expr.col("DateTime"), false).limit(1)));
            return r.isEmpty() ? null : r.get(0);
        }
        if (p.parentPid() == null || p.time() == null) {
            return null;
        }
        List<Process> r = rows(p, ROWS.session(p).run(creations(p).where(Cond.eq("ChildPid", p.parentPid()))
                .where(Cond.isNull("ChildGuid"))
                .where(Cond.cmp("DateTime", Cond.Op.LE, p.time()))
                .orderBy(Expr.col("DateTime"), true).limit(1)));
        if (r.isEmpty()) {
            return null;
        }
        Process candidate = r.get(0);
        Instant end = end(candidate);
        return end == null || end.isAfter(p.time()) ? candidate : null;
    }

    /** When a process's pid stopped meaning it: its end, or the next creation of the same pid. */
    public static Instant end(Process p) {
        if (p.time() == null || p.pid() == null) {
            return null;
        }
        Table t = ROWS.session(p).run(Query.from(Session.EVENTS)
                .where(Cond.eq("Muid", p.muid()))
                .where(Cond.eq("Family", "process"))
                .where(Conditions.SINGLE)
                .where(Cond.or(List.of(Cond.eq("Operation", "kill"),
                        // a creation logged with a GUID may be this same process seen by Sysmon: only
                        // creations of the same kind of source end a pid's meaning
                        p.guid() == null
                                ? Cond.and(List.of(Cond.eq("Operation", "create"), Cond.isNull("ChildGuid")))
                                : Cond.and(List.of(Cond.eq("Operation", "create"), Cond.not(Cond.isNull("ChildGuid")))))))
                .where(Cond.eq("ChildPid", p.pid()))
                .where(Cond.cmp("DateTime", Cond.Op.GT, p.time()))
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "End"));
        return (Instant) t.rows().get(0)[0];
    }

    /** The processes {@code p} created. */
    public static List<Process> children(Process p) {
        if (p.guid() != null) {
            return rows(p, ROWS.session(p).run(creations(p).where(Cond.eq("ParentGuid", p.guid()))
                    .orderBy(Expr.col("DateTime"), false)));
        }
        if (p.pid() == null || p.time() == null) {
            return List.of();
        }
        Query q = creations(p).where(Cond.eq("ParentPid", p.pid())).where(Cond.isNull("ParentGuid"))
                .where(Cond.cmp("DateTime", Cond.Op.GE, p.time()));
        Instant end = end(p);
        if (end != null) {
            q = q.where(Cond.cmp("DateTime", Cond.Op.LT, end));
        }
        return rows(p, ROWS.session(p).run(q.orderBy(Expr.col("DateTime"), false)));
    }

    /** The condition selecting the events where {@code p} is the actor. */
    public static Cond actorCondition(Process p) {
        List<Cond> c = new ArrayList<>();
        c.add(Cond.eq("Muid", p.muid()));
        if (p.guid() == null && p.pid() == null) {
            throw new IllegalStateException("process " + p.name() + " has neither a GUID nor a pid to find its actions by");
        }
        Cond byGuid = p.guid() == null ? null : Cond.eq("ParentGuid", p.guid());
        Cond byPid = p.pid() == null ? null : byPidInLifetime(p);
        if (byGuid != null && byPid != null) {
            // the store gives Security-log actions their actor's GUID; a store not joined yet has none
            c.add(Cond.or(List.of(byGuid, Cond.and(List.of(Cond.isNull("ParentGuid"), byPid)))));
        } else {
            c.add(byGuid != null ? byGuid : byPid);
        }
        return Cond.and(c);
    }

    /** The actions of {@code p}'s pid within its lifetime. */
    private static Cond byPidInLifetime(Process p) {
        List<Cond> c = new ArrayList<>();
        c.add(Cond.eq("ParentPid", p.pid()));
        if (p.time() != null) {
            c.add(Cond.cmp("DateTime", Cond.Op.GE, p.time()));
            Instant end = end(p);
            if (end != null) {
                c.add(Cond.cmp("DateTime", Cond.Op.LE, end));
            }
        }
        return Cond.and(c);
    }

    /** Ancestors, the process and its descendants, in time order, within {@code period}. */
    public static Hits<Process> tree(Process p, TimePeriod period) {
        Map<String, Integer> depth = new java.util.HashMap<>();
        Map<String, Process> nodes = LineageWalk.tree(p, depth, MAX_DEPTH, MAX_NODES);
        TimePeriod.Range r = period.resolve(ROWS.session(p).clock);
        List<Process> out = new ArrayList<>();
        for (Process n : nodes.values()) {
            Instant t = n.time();
            if (t != null && (r.from() != null && t.isBefore(r.from()) || r.to() != null && !t.isBefore(r.to()))) {
                continue;
            }
            out.add(n);
        }
        // time order; a parent before its child when both have the same time
        out.sort(Comparator.comparing(Process::time, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(n -> depth.getOrDefault(key(n), 0)));
        String why = null;
        if (out.isEmpty() && !nodes.isEmpty()) {
            why = "nothing in period " + period + "; the execution tree of " + p.name() + " has " + nodes.size()
                    + " processes outside it (use 'all')";
        }
        boolean started = out.stream().anyMatch(n -> n.get("StartedBy") != null);
        return ROWS.hits(started ? SeedColumns.concat(SeedColumns.EXECUTION_TREE, SeedColumns.STARTERS) : SeedColumns.EXECUTION_TREE,
                out, why);
    }

    static String key(Process p) {
        return key(p.guid(), p.pid(), p.time());
    }

    /** A process's identity in a tree: its GUID, or its pid and creation time. */
    static String key(String guid, Long pid, Instant time) {
        return guid != null ? "g:" + guid : "p:" + pid + "@" + time;
    }

    /** The command lines this binary ran with on the process's machine: CommandLine, Times. */
    public static DataFrame commandlines(Process p, TimePeriod period, Integer ntop) {
        List<Cond> c = new ArrayList<>();
        c.add(Cond.eq("Muid", p.muid()));
        c.add(Cond.eq("Family", "process"));
        c.add(Cond.eq("Operation", "create"));
        c.add(Conditions.SINGLE);
        c.add(Cond.not(Cond.isNull("CommandLine")));
        if (p.md5() != null) {
            c.add(Cond.inIgnoreCase("ChildMd5", List.of(p.md5())));
        } else {
            c.add(Cond.inIgnoreCase("ChildFilename", List.of(p.name())));
        }
        Cond pc = Conditions.periodCondition(period, ROWS.session(p));
        if (pc != null) {
            c.add(pc);
        }
        if (ntop != null && ntop < 1) {
            throw new IllegalArgumentException("ntop must be >= 1, got " + ntop);
        }
        Table t = ROWS.session(p).run(Query.from(Session.EVENTS).where(Cond.and(c))
                .select(Expr.col("CommandLine"), "CommandLine").select(Expr.count(), "Times")
                .groupBy(Expr.col("CommandLine"))
                .orderBy(Expr.count(), true).orderBy(Expr.col("CommandLine"), false)
                .limit(ntop));
        return Frames.of(t, List.of("CommandLine", "Times"));
    }
}
