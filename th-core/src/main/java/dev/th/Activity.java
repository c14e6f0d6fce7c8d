package dev.th;

import dev.th.ask.Session;
import java.time.Instant;
import java.util.List;

/**
 * A row of {@link Machine#services()}, {@link Machine#tasks()}, {@link Machine#wmi()} and
 * {@link Machine#pipes()}: one event about a service, a scheduled task, a WMI filter, consumer or
 * binding, or a named pipe (columns per family in docs/normalize.md).
 */
public final class Activity extends Row {

    Activity(Session session, List<String> columns, Object[] values) {
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

    /** The service, task, WMI filter or consumer, or pipe the event is about. */
    public String objectName() {
        return text("ObjectName");
    }

    /** What happened (installed, created, started, connected, ...). */
    public String operation() {
        return text("Operation");
    }

    /** The service's image, the task's first action, the driver or WMI provider file. */
    public String childPath() {
        return text("ChildPath");
    }

    /** The process acting (a pipe's end, a WMI host), by name. */
    public String parentFilename() {
        return text("ParentFilename");
    }

    /** A task's actions, a WMI consumer's command. */
    public String commandLine() {
        return text("CommandLine");
    }
}
