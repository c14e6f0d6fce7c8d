package dev.th;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_processes}: the processes started in the period (one row per process
 * creation). Options: {@code file}, {@code user}, {@code kind}, {@code period},
 * {@code histogram}. Rows are {@link Process}es.
 */
public final class ProcessesQuery extends Ask<Process, ProcessesQuery> {

    ProcessesQuery(Session session, Scope scope) {
        super(session, scope);
        filters.add(dev.th.query.Cond.eq("Operation", Operation.Process.CREATE.label()));
    }

    /** The seed's {@code file}: processes of these files. */
    public ProcessesQuery file(File... files) {
        fileFilter(Side.CHILD, list(files, "file"));
        return this;
    }

    public ProcessesQuery file(String... files) {
        return file(File.of(files).toArray(new File[0]));
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

    /** The seed's {@code user}. */
    public ProcessesQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** The seed's {@code kind}. */
    public ProcessesQuery kind(Kind... kinds) {
        kindFilter(list(kinds, "kind"));
        return this;
    }

    public ProcessesQuery kind(String... kinds) {
        List<Kind> k = new ArrayList<>();
        for (String s : list(kinds, "kind")) {
            k.add(Kind.parse(s));
        }
        return kind(k.toArray(new Kind[0]));
    }

    @Override
    List<String> columns() {
        return SeedColumns.PROCESSES;
    }

    @Override
    RowFactory<Process> factory() {
        return Process::new;
    }

    @Override
    String family() {
        return "process";
    }
}
