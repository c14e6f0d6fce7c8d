package dev.th;

import dev.th.ask.Session;
import java.time.Instant;
import java.util.List;

/**
 * The row shape {@code get_detections} and {@code get_blocked} share (the seed gives both the
 * same columns): when, where, which file, which engine, and what was done.
 */
abstract class DetectionRow extends Row {

    DetectionRow(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    public Instant dateTime() {
        return instant("DateTime");
    }

    public String clientId() {
        return text("ClientId");
    }

    public String muid() {
        return text("Muid");
    }

    public String loggedUser() {
        return text("LoggedUser");
    }

    /** The detected or blocked file. */
    public String childFilename() {
        return text("ChildFilename");
    }

    public String childPath() {
        return text("ChildPath");
    }

    public String childMd5() {
        return text("ChildMd5");
    }

    /** The engine that detected. */
    public String winningTech() {
        return text("WinningTech");
    }

    public String detectionId() {
        return text("DetectionId");
    }

    /** What was done with the file. */
    public String action() {
        return text("Action");
    }
}
