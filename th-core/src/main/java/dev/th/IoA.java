package dev.th;

import dev.th.ask.Session;
import java.time.Instant;
import java.util.List;

/** A row of {@code get_ioas}: an indicator of attack raised by a hunting rule. */
public final class IoA extends Row {

    IoA(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    public Instant alertDateTime() {
        return instant("alertDateTime");
    }

    public String clientId() {
        return text("clientId");
    }

    public String muid() {
        return text("muid");
    }

    /** The hunting rule's name. */
    public String huntingRule() {
        return text("huntingRule");
    }

    public String id() {
        return text("id");
    }

    public String mitre() {
        return text("mitre");
    }

    public String severity() {
        return text("severity");
    }

    public String status() {
        return text("status");
    }

    public Boolean critical() {
        return bool("critical");
    }

    public Boolean excluded() {
        return bool("excluded");
    }

    public String details() {
        return text("details");
    }

    public Instant timeStamp() {
        return instant("timeStamp");
    }
}
