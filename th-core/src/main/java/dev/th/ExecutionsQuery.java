package dev.th;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_executions}: actions over processes (create, kill, thread, load, and
 * access beyond the seed). Options: {@code file}, {@code user}, {@code kind}, {@code operation},
 * {@code command}, {@code attributes}, {@code period}, {@code histogram}. Rows are {@link Process}es.
 */
public final class ExecutionsQuery extends Ask<Process, ExecutionsQuery> {
    private final List<String> columns;

    ExecutionsQuery(Session session, Scope scope, List<String> columns) {
        super(session, scope);
        this.columns = columns;
    }

    /** The seed's {@code file}: actions whose child (target) is one of these files. */
    public ExecutionsQuery file(File... files) {
        fileFilter(Side.CHILD, list(files, "file"));
        return this;
    }

    /** {@link #file(File...)} from MD5s, paths or names. */
    public ExecutionsQuery file(String... files) {
        return file(File.of(files).toArray(new File[0]));
    }

    /** The seed's {@code user}: actions of these users ({@code DOMAIN\\name} or {@code name}). */
    public ExecutionsQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** The seed's {@code kind}. */
    public ExecutionsQuery kind(Kind... kinds) {
        kindFilter(list(kinds, "kind"));
        return this;
    }

    /** The seed's {@code kind} from text ({@code interpreter}, ...). */
    public ExecutionsQuery kind(String... kinds) {
        List<Kind> k = new ArrayList<>();
        for (String s : list(kinds, "kind")) {
            k.add(Kind.parse(s));
        }
        return kind(k.toArray(new Kind[0]));
    }

    /** The seed's {@code operation}: create, kill, thread, load (and access). */
    public ExecutionsQuery operation(Operation.Process... ops) {
        operationFilter(list(ops, "operation"));
        return this;
    }

    /** The seed's {@code operation} from text. */
    public ExecutionsQuery operation(String... ops) {
        List<Operation.Process> o = new ArrayList<>();
        for (String s : list(ops, "operation")) {
            o.add(Operation.Process.parse(s));
        }
        return operation(o.toArray(new Operation.Process[0]));
    }

    /** The seed's {@code command}: command lines containing any of these texts (literal, case ignored). */
    public ExecutionsQuery command(String... commands) {
        commandFilter(list(commands, "command"));
        return this;
    }

    /** The seed's {@code attributes} (OR'ed). */
    public ExecutionsQuery attributes(Attribute... attributes) {
        attributeFilter(list(attributes, "attributes"));
        return this;
    }

    /** The seed's {@code attributes} from text ({@code ATTR_REMOTE}, ...). */
    public ExecutionsQuery attributes(String... attributes) {
        List<Attribute> a = new ArrayList<>();
        for (String s : list(attributes, "attributes")) {
            a.add(Attribute.parse(s));
        }
        return attributes(a.toArray(new Attribute[0]));
    }

    @Override
    List<String> columns() {
        return columns;
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
