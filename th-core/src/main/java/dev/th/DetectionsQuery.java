package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.Session;

/**
 * The seed's {@code get_detections}: what an antimalware engine detected (Defender 1116/1117,
 * IoC matches). Options: {@code users}, {@code file} (the detected file), {@code period},
 * {@code histogram}. Rows are {@link Detect}s.
 */
public final class DetectionsQuery extends DetectionAsk<Detect, DetectionsQuery> {

    DetectionsQuery(Session session, Scope scope) {
        super(session, scope, Detect::new, "detection");
    }

    /** Detections of the events and IoC matches, where the store has both (the view). */
    @Override
    String table() {
        return session.engine.hasTable(Session.DETECTIONS) ? Session.DETECTIONS : Session.EVENTS;
    }
}
