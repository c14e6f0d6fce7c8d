package dev.th;

import dev.th.ask.RowFactory;
import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;

/**
 * A question over what an engine detected or blocked ({@code get_detections},
 * {@code get_blocked}): the seed's {@code users} and {@code file} options, the detection columns.
 */
abstract class DetectionAsk<T extends Row, S extends DetectionAsk<T, S>> extends FileAsk<T, S> {

    DetectionAsk(Session session, Scope scope, RowFactory<T> factory, String family) {
        super(session, scope, Side.CHILD, SeedColumns.DETECTIONS, factory, family);
    }

    /** The seed's {@code users}. */
    public S users(String... users) {
        userFilter(list(users, "users"));
        return self();
    }
}
