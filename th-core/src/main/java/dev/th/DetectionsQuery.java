package dev.th;

/**
 * The seed's {@code get_detections}: what an antimalware engine detected (Defender 1116/1117,
 * IoC matches). Options: {@code users}, {@code file}, {@code period}, {@code histogram}.
 * Rows are {@link Detect}s.
 */
public final class DetectionsQuery extends Ask<Detect, DetectionsQuery> {

    DetectionsQuery(Session session, Scope scope) {
        super(session, scope);
    }

    /** The seed's {@code users}. */
    public DetectionsQuery users(String... users) {
        userFilter(list(users, "users"));
        return this;
    }

    /** The seed's {@code file}: detections of these files. */
    public DetectionsQuery file(File... files) {
        fileFilter(Side.CHILD, list(files, "file"));
        return this;
    }

    public DetectionsQuery file(String... files) {
        return file(File.of(files).toArray(new File[0]));
    }

    @Override
    java.util.List<String> columns() {
        return SeedColumns.DETECTIONS;
    }

    @Override
    RowFactory<Detect> factory() {
        return Detect::new;
    }

    @Override
    String family() {
        return "detection";
    }
}
