package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.Session;
import java.util.List;

/**
 * The seed's {@code get_executions}: actions over processes (create, kill, thread, load, and
 * access beyond the seed). Options: {@code file} (the child, i.e. target, process's file),
 * {@code user}, {@code kind}, {@code operation}, {@code command}, {@code attributes},
 * {@code period}, {@code histogram}. Rows are {@link Process}es.
 */
public final class ExecutionsQuery extends ActionAsk<Process, ExecutionsQuery> {

    ExecutionsQuery(Session session, Scope scope, List<String> columns) {
        super(session, scope, Side.CHILD, columns, Process::new, "process");
    }

    /** The seed's {@code operation}: create, kill, thread, load (and access). */
    public ExecutionsQuery operation(Operation.Process... ops) {
        operationFilter(list(ops, "operation"));
        return this;
    }

    /** The seed's {@code operation} from text. */
    public ExecutionsQuery operation(String... ops) {
        return operation(parse(ops, "operation", Operation.Process::parse, Operation.Process[]::new));
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
        return attributes(parse(attributes, "attributes", Attribute::parse, Attribute[]::new));
    }

    /**
     * N and k of FreshUnknown (column and attribute): the row's file was first seen in its client at
     * most {@code days} days before the row, on at most {@code machines} machines (defaults 7 and 3).
     */
    public ExecutionsQuery freshUnknown(int days, int machines) {
        freshnessOf(days, machines);
        return this;
    }

    @Override
    boolean listsFiles() {
        return true;
    }
}
