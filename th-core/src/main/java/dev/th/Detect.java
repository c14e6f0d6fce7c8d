package dev.th;

import dev.th.ask.Session;
import java.util.List;

/** A row of {@code get_detections}: something an engine detected, and what it did. */
public final class Detect extends DetectionRow {

    Detect(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }
}
