package dev.th;

import dev.th.ask.RowFactory;
import dev.th.ask.Scope;
import dev.th.ask.Session;
import java.util.List;

/**
 * A question over actions of processes (executions, files, registry, processes): the seed's
 * {@code file}, {@code user} and {@code kind} options.
 */
abstract class ActionAsk<T extends Row, S extends ActionAsk<T, S>> extends FileAsk<T, S> {

    ActionAsk(Session session, Scope scope, Side fileSide, List<String> columns, RowFactory<T> factory,
            String family) {
        super(session, scope, fileSide, columns, factory, family);
    }

    /** The seed's {@code user}: actions of these users ({@code DOMAIN\\name} or {@code name}). */
    public S user(String... users) {
        userFilter(list(users, "user"));
        return self();
    }

    /** The seed's {@code kind}. */
    public S kind(Kind... kinds) {
        kindFilter(list(kinds, "kind"));
        return self();
    }

    /** The seed's {@code kind} from text ({@code interpreter}, ...). */
    public S kind(String... kinds) {
        return kind(parse(kinds, "kind", Kind::parse, Kind[]::new));
    }

    /** The kind of the actor (the parent process of a creation, the process writing a file): any of {@code kinds}. */
    public S parentKind(Kind... kinds) {
        parentKindFilter(list(kinds, "parent kind"));
        return self();
    }

    /** {@link #parentKind(Kind...)} from text. */
    public S parentKind(String... kinds) {
        return parentKind(parse(kinds, "parent kind", Kind::parse, Kind[]::new));
    }

    /**
     * Leaves out the rows whose binary is on the client's allow list ({@code th allow add}): with a
     * kind, the binaries of that kind the user has not allowed.
     */
    public S excludeAllowed() {
        excludeAllowedFilter();
        return self();
    }
}
