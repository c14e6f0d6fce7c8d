package dev.th;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_registry}: actions over registry keys (create, modify, access, and
 * delete, rename beyond the seed). Options: {@code file} (the acting process's file),
 * {@code user}, {@code kind}, {@code operation}, {@code period}, {@code histogram}.
 * Rows are {@link Registry} actions.
 */
public final class RegistryQuery extends Ask<Registry, RegistryQuery> {
    private final List<String> columns;

    RegistryQuery(Session session, Scope scope, List<String> columns) {
        super(session, scope);
        this.columns = columns;
    }

    /** The seed's {@code file}: actions by processes of these files. */
    public RegistryQuery file(File... files) {
        fileFilter(Side.PARENT, list(files, "file"));
        return this;
    }

    public RegistryQuery file(String... files) {
        return file(File.of(files).toArray(new File[0]));
    }

    /** The seed's {@code user}. */
    public RegistryQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** The seed's {@code kind}. */
    public RegistryQuery kind(Kind... kinds) {
        kindFilter(list(kinds, "kind"));
        return this;
    }

    public RegistryQuery kind(String... kinds) {
        List<Kind> k = new ArrayList<>();
        for (String s : list(kinds, "kind")) {
            k.add(Kind.parse(s));
        }
        return kind(k.toArray(new Kind[0]));
    }

    /** The seed's {@code operation}: create, modify, access (and delete, rename). */
    public RegistryQuery operation(Operation.Registry... ops) {
        operationFilter(list(ops, "operation"));
        return this;
    }

    public RegistryQuery operation(String... ops) {
        List<Operation.Registry> o = new ArrayList<>();
        for (String s : list(ops, "operation")) {
            o.add(Operation.Registry.parse(s));
        }
        return operation(o.toArray(new Operation.Registry[0]));
    }

    @Override
    List<String> columns() {
        return columns;
    }

    @Override
    RowFactory<Registry> factory() {
        return Registry::new;
    }

    @Override
    String family() {
        return "registry";
    }
}
