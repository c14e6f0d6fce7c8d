package dev.th;

import dev.th.ask.Lineage;
import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_processes}: the processes started in the period (one row per process
 * creation). Options: {@code file} (the process's file), {@code user}, {@code kind}, {@code period},
 * {@code histogram}. Rows are {@link Process}es.
 */
public final class ProcessesQuery extends ActionAsk<Process, ProcessesQuery> {

    /** The seed's {@code time}: only the processes running in this window (null: no such filter). */
    private TimePeriod running;

    ProcessesQuery(Session session, Scope scope) {
        super(session, scope, Side.CHILD, SeedColumns.PROCESSES, Process::new, "process");
        filters.add(Cond.eq("Operation", Operation.Process.CREATE.label()));
    }

    /** The seed's {@code filename}: processes of binaries with one of these file names (case ignored). */
    public ProcessesQuery filename(String... names) {
        filters.add(Cond.inIgnoreCase("ChildFilename", list(names, "filename")));
        return this;
    }

    /** The seed's {@code md5}: processes of binaries with one of these MD5s (case ignored). */
    public ProcessesQuery md5(String... md5s) {
        filters.add(Cond.inIgnoreCase("ChildMd5", list(md5s, "md5")));
        return this;
    }

    /** The seed's {@code logged_user}: as {@link #user(String...)}. */
    public ProcessesQuery loggedUser(String... users) {
        return user(users);
    }

    /**
     * The seed's {@code time}: the processes that were running at some moment of {@code window}
     * (created before its end, not ended before its start), whenever they were created; the
     * rows' questions still default to the {@link #period}.
     */
    public ProcessesQuery time(TimePeriod window) {
        this.running = java.util.Objects.requireNonNull(window, "time");
        return this;
    }

    /** {@link #time(TimePeriod)} at one instant. */
    public ProcessesQuery time(Instant at) {
        return time(TimePeriod.between(at, at.plusNanos(1000)));
    }

    @Override
    Cond baseCondition(boolean withPeriod) {
        if (running == null || !withPeriod) {
            return super.baseCondition(withPeriod);
        }
        TimePeriod.Range r = running.resolve(session.clock);
        List<Cond> c = new ArrayList<>(List.of(super.baseCondition(false)));
        if (r.to() != null) {
            c.add(Cond.cmp("DateTime", Cond.Op.LT, r.to()));
        }
        return Cond.and(c);
    }

    @Override
    boolean pageable() {
        return running == null; // running drops rows after the query: page the survivors instead
    }

    @Override
    public Hits<Process> fetch() {
        Hits<Process> all = super.fetch();
        if (running == null) {
            return all;
        }
        Instant from = running.resolve(session.clock).from();
        List<Process> alive = new ArrayList<>();
        for (Process p : all) {
            Instant end = from == null ? null : Lineage.end(p);
            if (end == null || !end.isBefore(from)) {
                alive.add(p);
            }
        }
        return new Hits<>(columns(), alive, alive.isEmpty() ? "no process of these was running in " + running : null);
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
