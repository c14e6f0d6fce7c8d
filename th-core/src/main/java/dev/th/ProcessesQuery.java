package dev.th;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_processes}: the processes started in the period (one row per process
 * creation). Options: {@code file} (the process's file), {@code user}, {@code kind}, {@code period},
 * {@code histogram}. Rows are {@link Process}es.
 */
public final class ProcessesQuery extends ActionAsk<Process, ProcessesQuery> {

    ProcessesQuery(Session session, Scope scope) {
        super(session, scope, Side.CHILD, SeedColumns.PROCESSES, Process::new, "process");
        filters.add(dev.th.query.Cond.eq("Operation", Operation.Process.CREATE.label()));
    }

    /** Beyond the seed: processes with one of these pids (to find one process by Muid, pid and time). */
    public ProcessesQuery pid(long... pids) {
        if (pids.length == 0) {
            throw new IllegalArgumentException("pid: give at least one value");
        }
        List<Long> l = new ArrayList<>();
        for (long p : pids) {
            l.add(p);
        }
        filters.add(dev.th.query.Cond.in("ChildPid", l));
        return this;
    }

    /** Beyond the seed: the process with this GUID ({@code {AB-..}} or {@code ab-..}, braces and case ignored). */
    public ProcessesQuery guid(String guid) {
        String g = guid == null ? "" : guid.trim();
        if (g.startsWith("{") && g.endsWith("}")) {
            g = g.substring(1, g.length() - 1);
        }
        if (g.isEmpty()) {
            throw new IllegalArgumentException("guid: give a process GUID");
        }
        filters.add(dev.th.query.Cond.eq("ChildGuid", g.toLowerCase(java.util.Locale.ROOT)));
        return this;
    }
}
