package dev.th;

import dev.th.ask.Session;
import java.util.List;

/** A row of {@code get_blocked}: something blocked (an executable, a shredding), and what was done. */
public final class Block extends DetectionRow {

    Block(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }
}
