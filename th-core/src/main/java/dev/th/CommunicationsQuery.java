package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.Session;
import dev.th.geo.GeoIp;
import dev.th.geo.Place;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's {@code get_communications}: network connections (Sysmon 3). Options: {@code file}
 * (the connecting process's file), {@code protocol}, {@code port} (number or name),
 * {@code iptype}, {@code direction}, {@code ips}, {@code top} (aggregate identical connections,
 * counted in {@code Times}, and keep the N most frequent), {@code period}, {@code histogram};
 * beyond the seed, {@link #bytes()} (the bytes of each connection's network flow) and
 * {@link #rankByBytes()} (top by bytes); and, when the data directory's GeoIP database is
 * installed ({@code th geoip install}), where each public remote address is: {@code Country},
 * {@code City}, {@code Latitude}, {@code Longitude} (DB-IP Lite), {@code Asn} and {@code AsOwner}
 * (the ASN table), blank for private addresses. Rows are {@link Connection}s.
 */
public final class CommunicationsQuery extends FileAsk<Connection, CommunicationsQuery> {
    private static final List<String> GROUP = List.of("Muid", "LoggedUser", "ParentFilename", "ParentPid", "RemoteIp",
            "RemotePort", "LocalIp", "Protocol", "Direction", "Ipv4Status");
    /** What {@link #bytes()} adds to the rows. */
    static final List<String> BYTES = List.of("SentBytes", "ReceivedBytes", "RemoteName", "FlowHost");
    /** What the GeoIP database adds to public remote addresses (private ones stay blank). */
    static final List<String> GEO = List.of("Country", "City", "Latitude", "Longitude");
    /** What the ASN table adds, when installed. */
    static final List<String> ASN = List.of("Asn", "AsOwner");
    private Integer top;
    private String geoNote;
    private boolean bytes;
    private boolean rankByBytes;

    CommunicationsQuery(Session session, Scope scope, List<String> columns) {
        super(session, scope, Side.PARENT, columns, Connection::new, "network");
    }

    /** The seed's {@code protocol} (compared ignoring case). */
    public CommunicationsQuery protocol(Protocol... protocols) {
        List<String> labels = new ArrayList<>();
        for (Protocol p : list(protocols, "protocol")) {
            labels.add(p.label().toLowerCase(java.util.Locale.ROOT));
        }
        filters.add(new Cond.In(Expr.call(Expr.Fn.LOWER, Expr.col("Protocol")), labels));
        return this;
    }

    public CommunicationsQuery protocol(String... protocols) {
        return protocol(parse(protocols, "protocol", Protocol::parse, Protocol[]::new));
    }

    /** The seed's {@code port} by number: the remote or the local end uses one of them. */
    public CommunicationsQuery port(int... ports) {
        if (ports.length == 0) {
            throw new IllegalArgumentException("port: give at least one value");
        }
        List<Integer> p = new ArrayList<>();
        for (int n : ports) {
            if (n < 0 || n > 65535) {
                throw new IllegalArgumentException("port " + n + " is not in 0..65535");
            }
            p.add(n);
        }
        filters.add(Cond.or(List.of(Cond.in("RemotePort", p), Cond.in("LocalPort", p))));
        return this;
    }

    /** The seed's {@code port} by name (FTP, SSH, TELNET, SMTP, HTTP, POP3, HTTPS, RDP). */
    public CommunicationsQuery port(Port... ports) {
        int[] n = new int[list(ports, "port").size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = ports[i].number();
        }
        return port(n);
    }

    /** The seed's {@code port} from text: numbers or names. */
    public CommunicationsQuery port(String... ports) {
        List<String> l = list(ports, "port");
        int[] n = new int[l.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = Port.parseNumber(l.get(i));
        }
        return port(n);
    }

    /** The seed's {@code iptype}: Public or Private remote address. */
    public CommunicationsQuery ipType(IpType type) {
        filters.add(Cond.eq("Ipv4Status", type.label()));
        return this;
    }

    public CommunicationsQuery ipType(String type) {
        return ipType(IpType.parse(type));
    }

    /** The seed's {@code direction}. */
    public CommunicationsQuery direction(Direction d) {
        filters.add(Cond.eq("Direction", d.label()));
        return this;
    }

    public CommunicationsQuery direction(String d) {
        return direction(Direction.parse(d));
    }

    /** The seed's {@code ips}: connections with these remote addresses. */
    public CommunicationsQuery ips(String... ips) {
        List<String> l = new ArrayList<>();
        for (String ip : list(ips, "ips")) {
            l.add(ip.trim());
        }
        filters.add(Cond.in("RemoteIp", l));
        return this;
    }

    /**
     * The seed's {@code top}: identical connections (same process, user, addresses, remote port,
     * protocol, direction) become one row, {@code Times} counts them, the {@code n} most
     * frequent are kept; DateTime is the first time, LocalPort is kept only when it never changed.
     */
    public CommunicationsQuery top(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("top must be >= 1, got " + n);
        }
        this.top = n;
        return this;
    }

    /**
     * Adds, after the seed's columns, the bytes on the wire of each connection's network flow
     * ({@code SentBytes}, {@code ReceivedBytes}: null when no flow was matched to it, see
     * docs/flows.md), the remote address's name ({@code RemoteName}, from DNS answers) and the
     * flow's host names ({@code FlowHost}: Zeek http.log host, ssl.log server name); with
     * {@link #top} they are summed over the connections of a row.
     */
    public CommunicationsQuery bytes() {
        if (!bytes) {
            bytes = true;
            addColumns(BYTES);
        }
        return this;
    }

    /** With {@link #top}: keep the N rows that moved the most bytes (sent + received) instead of the N most frequent. */
    public CommunicationsQuery rankByBytes() {
        bytes();
        rankByBytes = true;
        return this;
    }

    /**
     * Adds {@link #GEO} (and {@link #ASN}) to the rows when the session's GeoIP database is
     * installed; else leaves the columns out, and the answer's note says how to install it when
     * it has public addresses.
     */
    /** With GeoIP installed, rows are completed after the query: {@link #stream()} fetches them whole. */
    @Override
    boolean streams() {
        return !session.geo().installed() && super.streams();
    }

    @Override
    Table completed(Table t) {
        GeoIp geo = session.geo();
        int ip = t.columns().indexOf("RemoteIp");
        int status = t.columns().indexOf("Ipv4Status");
        boolean anyPublic = false;
        for (Object[] r : t.rows()) {
            anyPublic |= status >= 0 && "Public".equals(r[status]);
        }
        geoNote = null;
        if (!geo.installed()) {
            geoNote = anyPublic ? geo.missing() : null;
            return t;
        }
        List<String> added = new ArrayList<>(GEO);
        if (geo.hasAsn()) {
            added.addAll(ASN);
        }
        addColumns(added);
        List<String> cols = new ArrayList<>(t.columns());
        cols.addAll(added);
        Map<String, Place> seen = new HashMap<>();
        List<Object[]> rows = new ArrayList<>(t.rows().size());
        int located = 0;
        int publics = 0;
        for (Object[] r : t.rows()) {
            Object[] out = Arrays.copyOf(r, cols.size());
            String addr = ip < 0 || r[ip] == null ? null : r[ip].toString();
            boolean pub = status >= 0 && "Public".equals(r[status]);
            Place p = addr == null || !pub ? null : seen.computeIfAbsent(addr, a -> Optional.ofNullable(geo.lookup(a)).orElse(NOWHERE));
            publics += pub ? 1 : 0;
            if (p != null && p != NOWHERE) {
                located += p.located() ? 1 : 0;
                Object[] v = {p.country(), p.city(), p.latitude(), p.longitude(), p.asn(), p.asOwner()};
                System.arraycopy(v, 0, out, r.length, added.size());
            }
            rows.add(out);
        }
        if (publics > 0) {
            geoNote = located + " of " + publics + " rows with a public address located; " + GeoIp.CREDIT
                    + (geo.hasAsn() ? "; " + GeoIp.ASN_CREDIT : "");
        }
        return new Table(cols, rows);
    }

    private static final Place NOWHERE = new Place(null, null, null, null, null, null, null);

    @Override
    String completedNote() {
        return geoNote;
    }

    @Override
    Query rowsQuery(Query filtered) {
        if (top == null) {
            return super.rowsQuery(filtered);
        }
        Expr first = Expr.call(Expr.Fn.MIN, Expr.col("DateTime"));
        Expr minPort = Expr.call(Expr.Fn.MIN, Expr.col("LocalPort"));
        Expr maxPort = Expr.call(Expr.Fn.MAX, Expr.col("LocalPort"));
        Query q = filtered.select(first, "DateTime").select(Expr.call(Expr.Fn.DAY, first), "Date");
        for (String c : GROUP) {
            q = q.select(Expr.col(c), c).groupBy(Expr.col(c));
        }
        q = q.select(new Expr.Case(new Cond.Cmp(minPort, Cond.Op.EQ, maxPort), minPort), "LocalPort")
                .select(Expr.count(), "Times")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("ClientId")), "ClientId")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "MachineName")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("ParentGuid")), "ParentGuid");
        Expr sent = Expr.call(Expr.Fn.SUM, Expr.col("SentBytes"));
        Expr received = Expr.call(Expr.Fn.SUM, Expr.col("ReceivedBytes"));
        if (bytes) {
            q = q.select(sent, "SentBytes").select(received, "ReceivedBytes")
                    .select(Expr.call(Expr.Fn.MIN, Expr.col("RemoteName")), "RemoteName")
                    .select(Expr.call(Expr.Fn.MIN, Expr.col("FlowHost")), "FlowHost");
        }
        if (rankByBytes) {
            Expr zero = Expr.param(0L);
            q = q.orderBy(Expr.call(Expr.Fn.ADD, Expr.call(Expr.Fn.COALESCE, sent, zero),
                    Expr.call(Expr.Fn.COALESCE, received, zero)), true);
        }
        return q.orderBy(Expr.count(), true).orderBy(first, false).orderBy(Expr.col("RemoteIp"), false)
                .limit(top);
    }
}
