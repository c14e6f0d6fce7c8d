package dev.th;

import java.time.Instant;
import java.util.List;

/** A row of {@code get_blocked}: something blocked (an executable, a shredding), and what was done. */
public final class Block extends Row {

    Block(Session session, List<String> columns, Object[] values) {
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

    /** The blocked file. */
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
