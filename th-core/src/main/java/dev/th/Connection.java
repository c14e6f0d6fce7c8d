package dev.th;

import dev.th.ask.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A row of {@code get_communications}: one network connection (or, with {@code top}, many identical ones). */
public final class Connection extends Row {

    Connection(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    /** {@code Times}: how many connections this row stands for (1 unless aggregated by {@code top}). */
    @Override
    public Object get(String column) {
        if (column.equals("Times") && !has("Times")) {
            return 1L;
        }
        return super.get(column);
    }

    public Instant dateTime() {
        return instant("DateTime");
    }

    public LocalDate date() {
        return date("Date");
    }

    public String muid() {
        return text("Muid");
    }

    public String loggedUser() {
        return text("LoggedUser");
    }

    /** The connecting process (name). */
    public String parentFilename() {
        return text("ParentFilename");
    }

    public Long parentPid() {
        return number("ParentPid");
    }

    public String remoteIp() {
        return text("RemoteIp");
    }

    public Integer remotePort() {
        return integer("RemotePort");
    }

    public String localIp() {
        return text("LocalIp");
    }

    public Integer localPort() {
        return integer("LocalPort");
    }

    public String protocol() {
        return text("Protocol");
    }

    /** Incoming or Outgoing. */
    public String direction() {
        return text("Direction");
    }

    /** Private or Public. */
    public String ipv4Status() {
        return text("Ipv4Status");
    }

    /** ISO 3166-1 alpha-2 country of a public remote address (GeoIP database installed), else null. */
    public String country() {
        return text("Country");
    }

    public String city() {
        return text("City");
    }

    public Double latitude() {
        Object v = get("Latitude");
        return v == null ? null : ((Number) v).doubleValue();
    }

    public Double longitude() {
        Object v = get("Longitude");
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** The remote address's autonomous system (ASN table installed), else null. */
    public Long asn() {
        return number("Asn");
    }

    /** The owner of {@link #asn()}. */
    public String asOwner() {
        return text("AsOwner");
    }

    public long times() {
        return ((Number) get("Times")).longValue();
    }
}
