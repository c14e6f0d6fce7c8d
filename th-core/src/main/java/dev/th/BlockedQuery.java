package dev.th;

/**
 * The seed's {@code get_blocked}: what was blocked (Sysmon 27, 28, 29:
 * executables and shredding blocked). Options: {@code users}, {@code file}, {@code period}, {@code histogram}.
 * Rows are {@link Block}s.
 */
public final class BlockedQuery extends Ask<Block, BlockedQuery> {

    BlockedQuery(Session session, Scope scope) {
        super(session, scope);
    }

    /** The seed's {@code users}. */
    public BlockedQuery users(String... users) {
        userFilter(list(users, "users"));
        return this;
    }

    /** The seed's {@code file}: blocked items of these files. */
    public BlockedQuery file(File... files) {
        fileFilter(Side.CHILD, list(files, "file"));
        return this;
    }

    public BlockedQuery file(String... files) {
        return file(File.of(files).toArray(new File[0]));
    }

    @Override
    java.util.List<String> columns() {
        return SeedColumns.DETECTIONS;
    }

    @Override
    RowFactory<Block> factory() {
        return Block::new;
    }

    @Override
    String family() {
        return "blocked";
    }
}
