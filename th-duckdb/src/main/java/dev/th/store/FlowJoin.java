package dev.th.store;

import dev.th.flow.ClockOffset;
import dev.th.flow.FlowAssignment;
import dev.th.ingest.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigns the stored flows to machines and processes, in SQL over the whole store (one pass,
 * memory bounded by DuckDB's own spilling), replacing the previous assignment:
 *
 * <ol>
 *   <li>the network events of the machines (Sysmon 3, WFP 5156/5157: family {@code network}) are
 *       given the GUID of their process where they name only its pid (WFP): the process of that pid
 *       on that machine whose lifetime (create and kill events, a second either side) contains the
 *       event, the latest started if several; they are then paired with the flows of the same client whose 5-tuple is theirs, in both orientations
 *       (the machine's local end as Zeek's originator, or as its responder: Zeek may have flipped
 *       them);
 *   <li>each machine's clock offset to the sensor is the median of its pairs' time differences
 *       (taken again over the pairs within an hour of the first median, so that reused ports do not
 *       drag it), reported with its spread (median distance of the pairs from it) in
 *       {@code flow_offsets};
 *   <li>a flow end goes to the process of the pair nearest in time once the offset is applied,
 *       within {@value #TOLERANCE_SECONDS} s or five spreads, and only if the process's lifetime
 *       (its create and kill events by GUID, where logged) contains the flow's start on the host's
 *       clock, give or take the spread and a second;
 *   <li>a flow end with no process goes to the machine that used its address at that time (by
 *       the local addresses of the machines' network events: an address belongs to the machine that
 *       used it first, until another machine uses it; an incoming event from a multicast or broadcast
 *       address teaches nothing, as WFP then writes the sender as its Source);
 *   <li>an end on no machine whose address is local (Zeek's {@code local_orig}/{@code local_resp},
 *       or, when unset, a private or link-local unicast address) becomes a machine seen by the
 *       network only: the address is its name and its Muid the MD5 of client + "/" + address, as
 *       for a machine named so; once a machine's own events show the address, the next assignment
 *       gives its flows to that machine and the network-only machine is gone.
 * </ol>
 *
 * <p>Results: {@code flow_links} (one row per flow end on a machine, with the bytes it sent and
 * received, the process, the offset, the remote name from dns.log and the host from http/ssl.log),
 * {@code flow_days} (the links' bytes spread over the days each flow lasted, by the sensor's clock,
 * summed per machine, process and day, in machine order so that a machine's days are read alone),
 * and, on the events, {@code SentBytes}/{@code ReceivedBytes} of the connections matched and
 * {@code RemoteName} where it was unknown.
 */
final class FlowJoin {
    static final int TOLERANCE_SECONDS = 120;
    static final String LINKS = "flow_links";
    static final String DAYS = "flow_days";
    static final String OFFSETS = "flow_offsets";
    /** The address owners of the last whole assignment, reused when only flows came since. */
    static final String OWNERS = "flow_owners";
    /** The content hashes of the inputs the assignment has taken in. */
    static final String JOINED = "flow_joined";

    private static final String PRIVATE = "'^(10\\.|192\\.168\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|169\\.254\\.|f[cd][0-9a-f]{2}:|fe80:)'";
    private static final String NOT_UNICAST = "'^(22[4-9]\\.|23[0-9]\\.|255\\.255\\.255\\.255$|0\\.0\\.0\\.0$|127\\.|ff[0-9a-f]{2}:|::1?$)'";
    /**
     * An address in one spelling for comparing: IPv6 in lower case with its {@code ::} written out
     * and each group's leading zeros dropped (Sysmon writes {@code fe80:0:0:0:5d91:...}, WFP and
     * Zeek {@code fe80::5d91:...}); IPv4 as it is.
     */
    private static final String IP_KEY = "CREATE OR REPLACE TEMP MACRO fj_ip(a) AS CASE WHEN strpos(a, ':') = 0 THEN a "
            + "ELSE regexp_replace(CASE WHEN strpos(lower(a), '::') = 0 THEN lower(a) ELSE rtrim("
            + "CASE WHEN split_part(lower(a), '::', 1) = '' THEN '' ELSE split_part(lower(a), '::', 1) || ':' END "
            + "|| repeat('0:', 8 - CASE WHEN split_part(lower(a), '::', 1) = '' THEN 0 "
            + "ELSE len(string_split(split_part(lower(a), '::', 1), ':')) END "
            + "- CASE WHEN split_part(lower(a), '::', 2) = '' THEN 0 ELSE len(string_split(split_part(lower(a), '::', 2), ':')) END) "
            + "|| split_part(lower(a), '::', 2), ':') END, '(^|:)0+([0-9a-f])', '\\1\\2', 'g') END";
    private static final String SECONDS = "(epoch_us(%s) / 1e6)";
    /**
     * Addresses learnt from logons (Security 4624/4625, 4778): the machine named by the
     * logon's workstation (its first label, ignoring case) used the logon's source address then,
     * by the clock of the machine that logged it. Rows of {@code u} in {@code fj_owner}.
     */
    private static final String LOGON_ADDRESSES = "SELECT g.ClientId, w.Muid, min(w.MachineName), fj_ip(regexp_replace(g.RemoteIp, '^::ffff:', '')), "
            + "coalesce(min(ow.OffsetSeconds), 0), "
            + "min(g.DateTime) + to_microseconds(CAST(coalesce(min(og.OffsetSeconds), 0) * 1e6 AS BIGINT)) "
            + "FROM " + Schema.EVENTS + " g JOIN (SELECT ClientId, Muid, MachineName, lower(split_part(MachineName, '.', 1)) AS Short "
            + "FROM " + MachineTable.TABLE + ") w ON w.ClientId = g.ClientId AND w.Short = lower(split_part(g.Workstation, '.', 1)) "
            + "LEFT JOIN " + OFFSETS + " og ON og.ClientId = g.ClientId AND og.Muid = g.Muid "
            + "LEFT JOIN " + OFFSETS + " ow ON ow.ClientId = w.ClientId AND ow.Muid = w.Muid "
            + "WHERE g.Family = 'logon' AND g.RemoteIp IS NOT NULL AND g.Workstation IS NOT NULL "
            + "AND regexp_matches(g.RemoteIp, '^[0-9a-fA-F:.]+$') AND NOT regexp_matches(g.RemoteIp, " + NOT_UNICAST + ") "
            + "GROUP BY g.ClientId, w.Muid, fj_ip(regexp_replace(g.RemoteIp, '^::ffff:', ''))";

    private FlowJoin() {
    }

    static FlowAssignment run(DuckDbStore store) {
        Connection c = store.connection();
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                Mode mode = mode(st);
                long joined = 0;
                if (mode != Mode.NOTHING) {
                    execute(st, statements(mode == Mode.NEW_FLOWS));
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM fj_flows")) {
                        rs.next();
                        joined = rs.getLong(1);
                    }
                    execute(st, drops());
                }
                st.execute("INSERT INTO " + JOINED + " SELECT SourceHash FROM fj_new");
                st.execute("DROP TABLE fj_new");
                c.commit();
                return summary(st, joined);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the first failure is reported
            }
            throw new StoreException("cannot assign the flows of " + store.file() + ": " + e.getMessage(), e);
        }
    }

    /** What an assignment has to do. */
    private enum Mode {
        /** no input came since the last assignment, or none with flows, names or host network, process or logon rows */
        NOTHING,
        /** only flows came: join them alone, with the stored offsets and address owners */
        NEW_FLOWS,
        /** host events that may move offsets, owners or lifetimes, new names, or no earlier assignment: all anew */
        ALL
    }

    /** Lists in {@code fj_new} the inputs stored since the last assignment and tells what they need. */
    private static Mode mode(Statement st) throws SQLException {
        st.execute("CREATE TABLE IF NOT EXISTS " + JOINED + " (SourceHash VARCHAR)");
        boolean earlier;
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '" + LINKS
                + "' AND table_schema = 'main'")) {
            rs.next();
            earlier = rs.getLong(1) > 0;
        }
        if (!earlier) {
            st.execute("DELETE FROM " + JOINED);
        }
        st.execute("CREATE OR REPLACE TEMP TABLE fj_new AS SELECT ContentHash AS SourceHash FROM " + Schema.INPUTS
                + " WHERE ContentHash NOT IN (SELECT SourceHash FROM " + JOINED + ")");
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM fj_new), "
                + "(SELECT count(*) FROM " + FlowTable.FLOWS + " WHERE SourceHash IN (SELECT SourceHash FROM fj_new)), "
                + "(SELECT count(*) FROM " + FlowTable.NAMES + " WHERE SourceHash IN (SELECT SourceHash FROM fj_new)), "
                + "(SELECT count(*) FROM " + Schema.EVENTS + " WHERE SourceHash IN (SELECT SourceHash FROM fj_new) "
                + "AND Family IN ('network', 'process', 'logon'))")) {
            rs.next();
            if (!earlier) {
                return Mode.ALL;
            }
            if (rs.getLong(3) > 0 || rs.getLong(4) > 0) {
                return Mode.ALL;
            }
            return rs.getLong(2) > 0 ? Mode.NEW_FLOWS : Mode.NOTHING;
        }
    }

    private static void execute(Statement st, List<String> sqls) throws SQLException {
        boolean trace = Boolean.getBoolean("th.flowjoin.trace");
        for (String sql : sqls) {
            long t = System.nanoTime();
            st.execute(sql);
            if (trace) {
                System.err.printf(java.util.Locale.ROOT, "flow join %6.1f s  %s%n", (System.nanoTime() - t) / 1e9,
                        sql.substring(0, Math.min(70, sql.length())));
            }
        }
    }

    private static String sec(String expr) {
        return String.format(SECONDS, expr);
    }

    /**
     * The statements of an assignment: of every flow ({@code delta} false: the tables made anew), or
     * of the flows of the inputs in {@code fj_new} alone ({@code delta}: a flow id stored before from
     * another input is not joined again; the stored offsets and address owners are used, a machine
     * without an offset gets one from the new pairs; the rows are added, the days of the machines
     * they touch summed again).
     */
    static List<String> statements(boolean delta) {
        List<String> s = new ArrayList<>();
        s.add(IP_KEY);
        String isNew = "SourceHash IN (SELECT SourceHash FROM fj_new)";
        // the first row of each flow id (by start, input, line), chosen by a grouping that spills, not a window over every column
        s.add("CREATE OR REPLACE TEMP TABLE fj_flows AS SELECT *, fj_ip(OrigIp) AS OrigKey, fj_ip(RespIp) AS RespKey FROM " + FlowTable.FLOWS
                + " WHERE rowid IN (SELECT arg_min(rowid, (Start, SourceHash, coalesce(SourceOffset, 0))) FROM " + FlowTable.FLOWS
                + (delta ? " f WHERE " + isNew + " AND NOT EXISTS (SELECT 1 FROM " + FlowTable.FLOWS + " o WHERE o.ClientId = f.ClientId "
                        + "AND o.FlowId = f.FlowId AND o.SourceHash NOT IN (SELECT SourceHash FROM fj_new))" : "")
                + " GROUP BY ClientId, FlowId)");
        if (delta) {
            s.add("CREATE OR REPLACE TEMP TABLE fj_ports AS SELECT OrigPort AS A, RespPort AS B FROM fj_flows "
                    + "UNION SELECT RespPort, OrigPort FROM fj_flows");
        }
        s.add("CREATE OR REPLACE TEMP TABLE fj_life AS SELECT ClientId, Muid, ChildGuid AS Guid, min(ChildPid) AS Pid, "
                + "min(DateTime) FILTER (WHERE Operation = 'create') AS Born, max(DateTime) FILTER (WHERE Operation = 'kill') AS Died "
                + "FROM " + Schema.EVENTS + " WHERE Family = 'process' AND ChildGuid IS NOT NULL "
                + "AND Operation IN ('create', 'kill') GROUP BY ClientId, Muid, ChildGuid");
        String netCols = "n.ClientId, n.Muid, n.MachineName, n.DateTime, n.LocalIp, n.LocalPort, n.RemoteIp, n.RemotePort, n.Proto, "
                + "n.Direction, %s AS ParentGuid, n.ParentPid, n.ParentPath, n.ParentFilename, n.LoggedUser, n.SourceHash, n.RecordId, "
                + "fj_ip(n.LocalIp) AS LocalKey, fj_ip(n.RemoteIp) AS RemoteKey";
        // only the events that name a pid and no GUID (WFP) look for their process: no window over every network event
        s.add("CREATE OR REPLACE TEMP TABLE fj_net AS WITH n AS (SELECT rowid AS Rn, ClientId, Muid, "
                + "MachineName, DateTime, LocalIp, LocalPort, RemoteIp, RemotePort, CASE Protocol WHEN '6' THEN 'tcp' "
                + "WHEN '17' THEN 'udp' WHEN '1' THEN 'icmp' ELSE lower(Protocol) END AS Proto, Direction, ParentGuid, ParentPid, "
                + "ParentPath, ParentFilename, LoggedUser, SourceHash, RecordId FROM " + Schema.EVENTS + " e WHERE Family = 'network' "
                + "AND LocalIp IS NOT NULL AND RemoteIp IS NOT NULL AND LocalPort IS NOT NULL AND RemotePort IS NOT NULL"
                + (delta ? " AND EXISTS (SELECT 1 FROM fj_ports p WHERE p.A = e.LocalPort AND p.B = e.RemotePort)" : "") + ") "
                + "SELECT " + String.format(netCols, "n.ParentGuid") + " FROM n WHERE n.ParentGuid IS NOT NULL UNION ALL "
                + "SELECT " + String.format(netCols, "l.Guid") + " FROM n "
                + "LEFT JOIN fj_life l ON l.ClientId = n.ClientId AND l.Muid = n.Muid AND l.Pid = n.ParentPid "
                + "AND (l.Born IS NULL OR n.DateTime >= l.Born - INTERVAL 1 SECOND) "
                + "AND (l.Died IS NULL OR n.DateTime <= l.Died + INTERVAL 1 SECOND) WHERE n.ParentGuid IS NULL "
                + "QUALIFY row_number() OVER (PARTITION BY n.Rn ORDER BY l.Born DESC NULLS LAST, l.Guid) = 1");
        String pair = "SELECT f.ClientId, f.FlowId, f.Start, '%s' AS Side, n.Muid, n.MachineName, n.DateTime, n.Direction, "
                + "n.ParentGuid, n.ParentPid, n.ParentPath, n.ParentFilename, n.LoggedUser, n.SourceHash, n.RecordId, "
                + sec("f.Start") + " - " + sec("n.DateTime") + " AS Diff FROM fj_flows f JOIN fj_net n "
                + "ON n.ClientId = f.ClientId AND n.Proto = f.Protocol AND n.LocalKey = f.%s AND n.LocalPort = f.%s "
                + "AND n.RemoteKey = f.%s AND n.RemotePort = f.%s";
        s.add("CREATE OR REPLACE TEMP TABLE fj_pairs AS "
                + String.format(pair, "orig", "OrigKey", "OrigPort", "RespKey", "RespPort") + " UNION ALL "
                + String.format(pair, "resp", "RespKey", "RespPort", "OrigKey", "OrigPort"));
        if (delta) {
            s.add("CREATE TABLE IF NOT EXISTS " + OFFSETS + " (ClientId VARCHAR, Muid VARCHAR, MachineName VARCHAR, "
                    + "OffsetSeconds DOUBLE, Pairs BIGINT, SpreadSeconds DOUBLE)");
        }
        s.add((delta ? "INSERT INTO " + OFFSETS + " " : "CREATE OR REPLACE TABLE " + OFFSETS + " AS ")
                + "WITH first AS (SELECT ClientId, Muid, median(Diff) AS M "
                + "FROM fj_pairs " + (delta ? "p WHERE NOT EXISTS (SELECT 1 FROM " + OFFSETS + " x WHERE x.ClientId = p.ClientId AND x.Muid = p.Muid) " : "")
                + "GROUP BY ClientId, Muid), near AS (SELECT p.ClientId, p.Muid, p.MachineName, p.Diff "
                + "FROM fj_pairs p JOIN first USING (ClientId, Muid) WHERE abs(p.Diff - first.M) <= 3600), "
                + "est AS (SELECT ClientId, Muid, min(MachineName) AS MachineName, median(Diff) AS OffsetSeconds, "
                + "count(*) AS Pairs FROM near GROUP BY ClientId, Muid) "
                + "SELECT est.ClientId, est.Muid, est.MachineName, est.OffsetSeconds, est.Pairs, "
                + "median(abs(near.Diff - est.OffsetSeconds)) AS SpreadSeconds FROM est JOIN near USING (ClientId, Muid) "
                + "GROUP BY ALL");
        String hostStart = "(" + sec("p.Start") + " - o.OffsetSeconds)";
        String slack = "(o.SpreadSeconds + 1)";
        s.add("CREATE OR REPLACE TEMP TABLE fj_match AS SELECT p.*, o.OffsetSeconds FROM fj_pairs p "
                + "JOIN " + OFFSETS + " o USING (ClientId, Muid) "
                + "LEFT JOIN fj_life l ON l.ClientId = p.ClientId AND l.Muid = p.Muid AND l.Guid = p.ParentGuid "
                + "WHERE abs(p.Diff - o.OffsetSeconds) <= greatest(" + TOLERANCE_SECONDS + ", 5 * o.SpreadSeconds) "
                + "AND (l.Born IS NULL OR " + hostStart + " >= " + sec("l.Born") + " - " + slack + ") "
                + "AND (l.Died IS NULL OR " + hostStart + " <= " + sec("l.Died") + " + " + slack + ") "
                + "QUALIFY row_number() OVER (PARTITION BY p.ClientId, p.FlowId, p.Side "
                + "ORDER BY abs(p.Diff - o.OffsetSeconds), p.SourceHash, p.RecordId) = 1");
        if (delta) {
            s.add("CREATE OR REPLACE TEMP TABLE fj_owner AS SELECT * FROM " + OWNERS);
        } else s.add("CREATE OR REPLACE TEMP TABLE fj_owner AS WITH u0 AS (SELECT n.ClientId, n.Muid, min(n.MachineName) AS MachineName, "
                + "n.LocalKey AS IpKey, coalesce(o.OffsetSeconds, 0) AS OffsetSeconds, "
                + "min(n.DateTime) + to_microseconds(CAST(coalesce(o.OffsetSeconds, 0) * 1e6 AS BIGINT)) AS First "
                + "FROM fj_net n LEFT JOIN " + OFFSETS + " o USING (ClientId, Muid) "
                + "WHERE NOT regexp_matches(n.LocalIp, " + NOT_UNICAST + ") AND NOT (n.Direction IS NOT DISTINCT FROM 'Incoming' "
                + "AND regexp_matches(n.RemoteIp, " + NOT_UNICAST + ")) GROUP BY n.ClientId, n.Muid, n.LocalKey, o.OffsetSeconds "
                + "UNION ALL " + LOGON_ADDRESSES + "), "
                + "u AS (SELECT ClientId, Muid, min(MachineName) AS MachineName, IpKey, min(OffsetSeconds) AS OffsetSeconds, "
                + "min(First) AS First FROM u0 GROUP BY ClientId, Muid, IpKey) "
                + "SELECT *, CASE WHEN lag(First) OVER w IS NULL THEN TIMESTAMP '-infinity' ELSE First END AS ValidFrom, "
                + "coalesce(lead(First) OVER w, TIMESTAMP 'infinity') AS ValidTo FROM u "
                + "WINDOW w AS (PARTITION BY ClientId, IpKey ORDER BY First, Muid)");
        if (!delta) {
            s.add("CREATE OR REPLACE TABLE " + OWNERS + " AS SELECT * FROM fj_owner");
        }
        String end = "SELECT f.ClientId, f.FlowId, f.Start, f.Duration, f.Protocol, f.Service, '%s' AS Side, f.%s AS Ip, "
                + "f.%s AS IpKey, f.%s AS Port, f.%s AS PeerIp, f.%s AS PeerPort, f.%s AS IsLocal, f.%s AS Sent, f.%s AS Received FROM fj_flows f";
        String internal = "(coalesce(IsLocal, regexp_matches(Ip, " + PRIVATE + ")) AND NOT regexp_matches(Ip, " + NOT_UNICAST + "))";
        s.add("CREATE OR REPLACE TEMP TABLE fj_ends AS SELECT *, " + internal + " AS Internal FROM ("
                + String.format(end, "orig", "OrigIp", "OrigKey", "OrigPort", "RespIp", "RespPort", "LocalOrig", "OrigIpBytes", "RespIpBytes")
                + " UNION ALL "
                + String.format(end, "resp", "RespIp", "RespKey", "RespPort", "OrigIp", "OrigPort", "LocalResp", "RespIpBytes", "OrigIpBytes") + ")");
        s.add("CREATE OR REPLACE TEMP TABLE fj_dns AS SELECT ClientId, Address, arg_max(Name, Time) AS Name FROM "
                + "(SELECT ClientId, Name, Time, unnest(string_split(Addresses, ',')) AS Address FROM " + FlowTable.NAMES
                + " WHERE Log = 'dns' AND Name IS NOT NULL AND Name <> '' AND Addresses <> '') GROUP BY ALL");
        s.add("CREATE OR REPLACE TEMP TABLE fj_host AS SELECT ClientId, FlowId, string_agg(DISTINCT Name, ',' ORDER BY Name) AS Host "
                + "FROM " + FlowTable.NAMES + " WHERE Log IN ('http', 'ssl') AND Name IS NOT NULL AND Name <> '' "
                + "AND FlowId IS NOT NULL GROUP BY ALL");
        s.add((delta ? "INSERT INTO " + LINKS + " " : "CREATE OR REPLACE TABLE " + LINKS + " AS ") + "SELECT e.ClientId, "
                + "coalesce(m.Muid, ow.Muid, md5(e.ClientId || '/' || lower(e.Ip))) AS Muid, "
                + "CASE WHEN m.Muid IS NOT NULL THEN m.MachineName ELSE coalesce(ow.MachineName, e.Ip) END AS MachineName, "
                + "(m.Muid IS NULL AND ow.Muid IS NULL) AS NetworkOnly, e.FlowId, e.Start, e.Duration, e.Side, "
                + "coalesce(m.Direction, CASE e.Side WHEN 'orig' THEN 'Outgoing' ELSE 'Incoming' END) AS Direction, "
                + "e.Ip AS LocalIp, e.Port AS LocalPort, e.PeerIp AS RemoteIp, e.PeerPort AS RemotePort, e.Protocol, e.Service, "
                + "e.Sent AS SentBytes, e.Received AS ReceivedBytes, m.ParentGuid AS ProcessGuid, m.ParentPid AS ProcessPid, "
                + "m.ParentPath AS ProcessPath, m.ParentFilename AS ProcessFilename, m.LoggedUser, "
                + "m.SourceHash AS EventHash, m.RecordId AS EventRecord, m.DateTime AS EventTime, "
                + "CASE WHEN m.Muid IS NOT NULL THEN m.OffsetSeconds ELSE ow.OffsetSeconds END AS OffsetSeconds, d.Name AS RemoteName, h.Host AS FlowHost "
                + "FROM fj_ends e "
                + "LEFT JOIN fj_match m ON m.ClientId = e.ClientId AND m.FlowId = e.FlowId AND m.Side = e.Side "
                + "LEFT JOIN fj_owner ow ON ow.ClientId = e.ClientId AND ow.IpKey = e.IpKey "
                + "AND e.Start >= ow.ValidFrom AND e.Start < ow.ValidTo "
                + "LEFT JOIN fj_dns d ON d.ClientId = e.ClientId AND d.Address = e.PeerIp "
                + "LEFT JOIN fj_host h ON h.ClientId = e.ClientId AND h.FlowId = e.FlowId "
                + "WHERE m.Muid IS NOT NULL OR ow.Muid IS NOT NULL OR e.Internal");
        String newLink = "EXISTS (SELECT 1 FROM fj_flows x WHERE x.ClientId = k.ClientId AND x.FlowId = k.FlowId)";
        String touched = "";
        if (delta) {
            s.add("CREATE OR REPLACE TEMP TABLE fj_touched AS SELECT DISTINCT ClientId, Muid FROM " + LINKS + " k WHERE " + newLink);
            touched = " k WHERE EXISTS (SELECT 1 FROM fj_touched x WHERE x.ClientId = k.ClientId AND x.Muid = k.Muid)";
            s.add("DELETE FROM " + DAYS + " k WHERE EXISTS (SELECT 1 FROM fj_touched x WHERE x.ClientId = k.ClientId AND x.Muid = k.Muid)");
        }
        s.add((delta ? "INSERT INTO " + DAYS + " " : "CREATE OR REPLACE TABLE " + DAYS + " AS ")
                + "WITH s AS (SELECT ClientId, Muid, ProcessGuid, ProcessPid, ProcessPath, "
                + "ProcessFilename, FlowId, Start, CAST(coalesce(Duration, 0) * 1e6 AS BIGINT) AS Us, coalesce(SentBytes, 0) AS Sent, "
                + "coalesce(ReceivedBytes, 0) AS Received FROM " + LINKS + touched + "), t AS (SELECT *, Start + to_microseconds(Us) AS Stop FROM s), "
                + "d AS (SELECT *, date_trunc('day', Start) AS Day FROM t WHERE date_trunc('day', Start) = date_trunc('day', Stop) "
                + "UNION ALL SELECT *, unnest(generate_series(date_trunc('day', Start), date_trunc('day', Stop), INTERVAL 1 DAY)) AS Day "
                + "FROM t WHERE date_trunc('day', Start) <> date_trunc('day', Stop)), "
                + "w AS (SELECT *, CASE WHEN Us = 0 THEN 1.0 ELSE (epoch_us(least(Stop, Day + INTERVAL 1 DAY)) "
                + "- epoch_us(greatest(Start, Day))) / Us END AS Share FROM d) "
                + "SELECT ClientId, Muid, ProcessGuid, ProcessPid, ProcessPath, ProcessFilename, CAST(Day AS DATE) AS Date, "
                + "CAST(Day AS TIMESTAMP) AS DateTime, sum(Sent * Share) AS Outgoing, sum(Received * Share) AS Incoming, "
                + "sum((Sent + Received) * Share) AS Bytes, "
                + "sum(CASE WHEN ProcessGuid IS NULL AND ProcessPid IS NULL THEN 0 ELSE (Sent + Received) * Share END) AS AssignedBytes "
                + "FROM w GROUP BY ALL ORDER BY ClientId, Muid, Date");
        if (!delta) {
            s.add("UPDATE " + Schema.EVENTS + " SET SentBytes = NULL, ReceivedBytes = NULL, FlowHost = NULL "
                    + "WHERE SentBytes IS NOT NULL OR ReceivedBytes IS NOT NULL OR FlowHost IS NOT NULL");
        }
        // the events of the new links: their sums over all their links
        String eventsOfNew = delta ? " AND EXISTS (SELECT 1 FROM " + LINKS + " k WHERE k.EventHash = l.EventHash "
                + "AND k.EventRecord = l.EventRecord AND " + newLink + ")" : "";
        s.add("UPDATE " + Schema.EVENTS + " SET SentBytes = b.S, ReceivedBytes = b.R, FlowHost = b.H FROM (SELECT EventHash, EventRecord, "
                + "sum(SentBytes) AS S, sum(ReceivedBytes) AS R, "
                + "array_to_string(list_sort(list_distinct(flatten(list(string_split(FlowHost, ','))))), ',') AS H "
                + "FROM " + LINKS + " l WHERE EventHash IS NOT NULL" + eventsOfNew + " GROUP BY ALL) b "
                + "WHERE " + Schema.EVENTS + ".SourceHash = b.EventHash AND " + Schema.EVENTS + ".RecordId = b.EventRecord "
                + "AND " + Schema.EVENTS + ".Family = 'network'");
        if (!delta) {
            s.add("UPDATE " + Schema.EVENTS + " SET RemoteName = d.Name FROM fj_dns d WHERE " + Schema.EVENTS + ".RemoteName IS NULL "
                    + "AND " + Schema.EVENTS + ".Family = 'network' AND " + Schema.EVENTS + ".ClientId = d.ClientId AND "
                    + Schema.EVENTS + ".RemoteIp = d.Address");
        }
        return s;
    }

    /** The temporary tables and macro of an assignment, dropped. */
    private static List<String> drops() {
        List<String> s = new ArrayList<>();
        for (String t : List.of("fj_flows", "fj_net", "fj_pairs", "fj_life", "fj_match", "fj_owner", "fj_ends", "fj_dns", "fj_host",
                "fj_ports", "fj_touched")) {
            s.add("DROP TABLE IF EXISTS " + t);
        }
        s.add("DROP MACRO IF EXISTS fj_ip");
        return s;
    }

    private static FlowAssignment summary(Statement st, long joined) throws SQLException {
        long flows;
        long machineEnds;
        long processEnds;
        long networkOnly;
        try (ResultSet rs = st.executeQuery("SELECT (SELECT count(DISTINCT (ClientId, FlowId)) FROM " + FlowTable.FLOWS + "), "
                + "count(*) FILTER (WHERE NOT NetworkOnly), count(*) FILTER (WHERE ProcessGuid IS NOT NULL OR ProcessPid IS NOT NULL), "
                + "count(DISTINCT Muid) FILTER (WHERE NetworkOnly) FROM " + LINKS)) {
            rs.next();
            flows = rs.getLong(1);
            machineEnds = rs.getLong(2);
            processEnds = rs.getLong(3);
            networkOnly = rs.getLong(4);
        }
        List<ClockOffset> offsets = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT ClientId, Muid, MachineName, OffsetSeconds, Pairs, SpreadSeconds FROM "
                + OFFSETS + " ORDER BY ClientId, MachineName")) {
            while (rs.next()) {
                offsets.add(new ClockOffset(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), rs.getLong(5),
                        rs.getDouble(6)));
            }
        }
        return new FlowAssignment(flows, machineEnds, processEnds, networkOnly, offsets, joined);
    }
}
