package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;

/**
 * The seed's {@code get_files}: actions over files (create, modify, delete, rename, folder,
 * newcmp, opencmp, access, script, and stream beyond the seed). Options: {@code file} (the file
 * acted on), {@code user}, {@code kind}, {@code operation}, {@code attributes}, {@code period},
 * {@code histogram}. Rows are {@link File}s (Child = the file).
 */
public final class FilesQuery extends ActionAsk<File, FilesQuery> {

    FilesQuery(Session session, Scope scope) {
        super(session, scope, Side.CHILD, SeedColumns.ACTIONS, File::new, "file");
    }

    /** The seed's {@code operation}. */
    public FilesQuery operation(Operation.File... ops) {
        operationFilter(list(ops, "operation"));
        return this;
    }

    public FilesQuery operation(String... ops) {
        return operation(parse(ops, "operation", Operation.File::parse, Operation.File[]::new));
    }

    /** The seed's {@code attributes} (OR'ed). */
    public FilesQuery attributes(Attribute... attributes) {
        attributeFilter(list(attributes, "attributes"));
        return this;
    }

    public FilesQuery attributes(String... attributes) {
        return attributes(parse(attributes, "attributes", Attribute::parse, Attribute[]::new));
    }

    /**
     * N and k of FreshUnknown (column and attribute): the row's file was first seen in its client at
     * most {@code days} days before the row, on at most {@code machines} machines (defaults 7 and 3).
     */
    public FilesQuery freshUnknown(int days, int machines) {
        freshnessOf(days, machines);
        return this;
    }

    @Override
    boolean listsFiles() {
        return true;
    }
}
