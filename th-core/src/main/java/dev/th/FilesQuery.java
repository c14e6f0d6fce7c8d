package dev.th;

import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_files}: actions over files (create, modify, delete, rename, folder,
 * newcmp, opencmp, access, script, and stream beyond the seed). Options: {@code file},
 * {@code user}, {@code kind}, {@code operation}, {@code attributes}, {@code period},
 * {@code histogram}. Rows are {@link File}s (Child = the file).
 */
public final class FilesQuery extends Ask<File, FilesQuery> {

    FilesQuery(Session session, Scope scope) {
        super(session, scope);
    }

    /** The seed's {@code file}: actions over these files. */
    public FilesQuery file(File... files) {
        fileFilter(Side.CHILD, list(files, "file"));
        return this;
    }

    public FilesQuery file(String... files) {
        return file(File.of(files).toArray(new File[0]));
    }

    /** The seed's {@code user}. */
    public FilesQuery user(String... users) {
        userFilter(list(users, "user"));
        return this;
    }

    /** The seed's {@code kind}. */
    public FilesQuery kind(Kind... kinds) {
        kindFilter(list(kinds, "kind"));
        return this;
    }

    public FilesQuery kind(String... kinds) {
        List<Kind> k = new ArrayList<>();
        for (String s : list(kinds, "kind")) {
            k.add(Kind.parse(s));
        }
        return kind(k.toArray(new Kind[0]));
    }

    /** The seed's {@code operation}. */
    public FilesQuery operation(Operation.File... ops) {
        operationFilter(list(ops, "operation"));
        return this;
    }

    public FilesQuery operation(String... ops) {
        List<Operation.File> o = new ArrayList<>();
        for (String s : list(ops, "operation")) {
            o.add(Operation.File.parse(s));
        }
        return operation(o.toArray(new Operation.File[0]));
    }

    /** The seed's {@code attributes} (OR'ed). */
    public FilesQuery attributes(Attribute... attributes) {
        attributeFilter(list(attributes, "attributes"));
        return this;
    }

    public FilesQuery attributes(String... attributes) {
        List<Attribute> a = new ArrayList<>();
        for (String s : list(attributes, "attributes")) {
            a.add(Attribute.parse(s));
        }
        return attributes(a.toArray(new Attribute[0]));
    }

    @Override
    List<String> columns() {
        return SeedColumns.ACTIONS;
    }

    @Override
    RowFactory<File> factory() {
        return File::new;
    }

    @Override
    String family() {
        return "file";
    }
}
