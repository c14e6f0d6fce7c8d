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
