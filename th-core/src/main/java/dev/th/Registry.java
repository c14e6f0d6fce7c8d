package dev.th;

import dev.th.ask.Session;
import java.time.Instant;
import java.util.List;

/** A row of {@code get_registry}: one action of a process over a registry key or value. */
public final class Registry extends Row {

    Registry(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    public Instant dateTime() {
        return instant("DateTime");
    }

    public String muid() {
        return text("Muid");
    }

    public String loggedUser() {
        return text("LoggedUser");
    }

    /** The affected key. */
    public String key() {
        return text("Key");
    }

    /** The value name. */
    public String value() {
        return text("Value");
    }

    /** The data written. */
    public String valueData() {
        return text("ValueData");
    }

    /** The acting process (name). */
    public String parentFilename() {
        return text("ParentFilename");
    }

    public Long parentPid() {
        return number("ParentPid");
    }

    /** create, modify, access, delete or rename. */
    public String operation() {
        return text("Operation");
    }
}
