package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.Session;
import java.util.List;

/**
 * The seed's {@code get_registry}: actions over registry keys (create, modify, access, and
 * delete, rename beyond the seed). Options: {@code file} (the acting process's file),
 * {@code user}, {@code kind}, {@code operation}, {@code period}, {@code histogram}.
 * Rows are {@link Registry} actions.
 */
public final class RegistryQuery extends ActionAsk<Registry, RegistryQuery> {

    RegistryQuery(Session session, Scope scope, List<String> columns) {
        super(session, scope, Side.PARENT, columns, Registry::new, "registry");
    }

    /** The seed's {@code operation}: create, modify, access (and delete, rename). */
    public RegistryQuery operation(Operation.Registry... ops) {
        operationFilter(list(ops, "operation"));
        return this;
    }

    /** A registry row has no child binary: {@code kind} is the kind of the process that acts (as {@code parentKind}). */
    @Override
    void kindFilter(List<Kind> kinds) {
        parentKindFilter(kinds);
    }

    public RegistryQuery operation(String... ops) {
        return operation(parse(ops, "operation", Operation.Registry::parse, Operation.Registry[]::new));
    }
}
