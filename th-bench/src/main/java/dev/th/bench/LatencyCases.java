package dev.th.bench;

import dev.th.Client;
import dev.th.Histogram;
import dev.th.Hits;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The questions of the benchmark: each seed method called through the API (returning what a
 * user gets: the DataFrame, or the typed rows for pivots) beside the same question written by
 * hand in SQL on the same store. Machine questions read the whole history of one workstation
 * (period {@code all}: the heaviest case, and the one that grows with the store), except
 * {@code events}, which the seed limits to one or two days (the last day here).
 */
final class LatencyCases {
    /** One question: its API call and its hand-written SQL with the values to bind. */
    record Case(String name, Callable<Object> api, String sql, List<Object> params) {
    }

    private static final String EXEC_COLS = "DateTime, Muid, LoggedUser, ChildFilename, ChildPath, ChildMd5, ChildPid, "
            + "ParentFilename, ParentPath, ParentMd5, ParentPid, CommandLine, RemoteIp, Operation, RemoteSession, External, "
            + "FreshUnknown, LanShared";
    private static final String ACTION_COLS = "DateTime, Muid, LoggedUser, ChildFilename, ChildPath, ChildMd5, ChildPid, "
            + "ParentFilename, ParentMd5, ParentPid, CommandLine, RemoteIp, Operation, RemoteSession, External, "
            + "FreshUnknown, LanShared";
    private static final String REG_COLS = "DateTime, Muid, LoggedUser, Key, Value, ValueData, ParentFilename, ParentMd5, "
            + "ParentPid, CommandLine, RemoteIp, Operation, RemoteSession, External, FreshUnknown, LanShared";
    private static final String NET_COLS = "DateTime, Date, Muid, LoggedUser, ParentFilename, ParentPid, RemoteIp, "
            + "RemotePort, LocalIp, LocalPort, Protocol, Direction, Ipv4Status";
    private static final String DET_COLS = "DateTime, ClientId, Muid, LoggedUser, ChildMd5, ChildPath, ChildFilename, "
            + "ParentMd5, ParentPath, ParentFilename, WinningTech, DetectionId, Action";
    private static final String PROC_COLS = "DateTime, Muid, LoggedUser, ChildFilename, ChildPath, ChildMd5, ChildPid, "
            + "ParentFilename, ParentPath, ParentMd5, ParentPid, Operation";
    private static final String TREE_COLS = "DateTime, Muid, LoggedUser, ChildFilename, ChildMd5, ChildPid, "
            + "ParentFilename, ParentMd5, ParentPid, CommandLine, RemoteIp, Operation";
    /**
     * Answers leave out a record that repeats a process another record of it stands for (the
     * Security 4688 or 4689 of a process Sysmon logged too: {@code Duplicate}, docs/api.md): one
     * process is one row. Without it the hand SQL counted such twins (3,628 against 3,627 on the 1M fleet).
     */
    private static final String ONE_PER_PROCESS = " AND Duplicate IS NULL";
    private static final String MACHINE_ROW = "SELECT Muid, min(MachineName) AS MachineName, ClientId, "
            + "min(DateTime) AS FirstSeen, max(DateTime) AS LastSeen, count(*) AS Events FROM events WHERE ";
    private static final String MACHINE_GROUP = " GROUP BY Muid, ClientId ORDER BY min(MachineName)";

    private LatencyCases() {
    }

    /**
     * The questions about machine {@code machineName} of client {@code clientId} and one of its
     * processes {@code proc} (a creation with children), on a store whose last day is {@code lastDay}.
     */
    static List<Case> all(TH th, String clientId, String machineName, Process proc, LocalDate lastDay,
            String someIp, String someUser) {
        Machine m = th.machine(machineName).withPeriod(TimePeriod.all());
        Client client = th.client(clientId).withPeriod(TimePeriod.all());
        String muid = m.muid();
        TimePeriod oneDay = TimePeriod.days(lastDay, lastDay);
        Instant dayFrom = lastDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayTo = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String guid = proc.guid();
        List<Case> c = new ArrayList<>();

        c.add(new Case("TH.machine(name) + first/last seen", () -> {
            Machine x = th.machine(machineName);
            x.firstSeen();
            x.lastSeen();
            return x;
        }, MACHINE_ROW + "lower(MachineName) = lower(?)" + MACHINE_GROUP, List.of(machineName)));
        c.add(new Case("Client.machines", () -> client.machines().frame(),
                MACHINE_ROW + "ClientId = ?" + MACHINE_GROUP, List.of(clientId)));
        c.add(new Case("executions operation=create", () -> m.executions().operation("create").frame(),
                "SELECT " + EXEC_COLS + " FROM events WHERE Muid = ? AND Family = 'process' AND Operation = 'create' "
                        + ONE_PER_PROCESS + " ORDER BY DateTime", List.of(muid)));
        c.add(new Case("executions kind=interpreter", () -> m.executions().kind("interpreter").frame(),
                "SELECT " + EXEC_COLS + " FROM events WHERE Muid = ? AND Family = 'process' "
                        // Kind holds a set of labels, comma-joined ('interpreter,admintool' for powershell.exe):
                        // 'Kind = ...' found none of those (0 rows against the API's 178 on the 200k fleet)
                        + "AND list_contains(string_split(Kind, ','), 'interpreter')" + ONE_PER_PROCESS + " ORDER BY DateTime", List.of(muid)));
        c.add(new Case("executions command=powershell", () -> m.executions().command("powershell").frame(),
                "SELECT " + EXEC_COLS + " FROM events WHERE Muid = ? AND Family = 'process' "
                        + "AND CommandLine ILIKE '%powershell%'" + ONE_PER_PROCESS + " ORDER BY DateTime", List.of(muid)));
        c.add(new Case("executions (all operations)", () -> m.executions().frame(),
                "SELECT " + EXEC_COLS + " FROM events WHERE Muid = ? AND Family = 'process'" + ONE_PER_PROCESS
                        + " ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("executions (all operations, 1 day)", () -> m.executions().period(oneDay).frame(),
                "SELECT " + EXEC_COLS + " FROM events WHERE Muid = ? AND Family = 'process' AND DateTime >= ? "
                        + "AND DateTime < ?" + ONE_PER_PROCESS + " ORDER BY DateTime", List.of(muid, dayFrom, dayTo)));
        c.add(new Case("files", () -> m.files().frame(),
                "SELECT " + ACTION_COLS + " FROM events WHERE Muid = ? AND Family = 'file' ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("registry", () -> m.registry().frame(),
                "SELECT " + REG_COLS + " FROM events WHERE Muid = ? AND Family = 'registry' ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("communications", () -> m.communications().frame(),
                "SELECT " + NET_COLS + " FROM events WHERE Muid = ? AND Family = 'network' ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("communications top=10", () -> m.communications().top(10).frame(),
                "SELECT min(DateTime) AS DateTime, CAST(min(DateTime) AS DATE) AS Date, Muid, LoggedUser, "
                        + "ParentFilename, ParentPid, RemoteIp, RemotePort, LocalIp, "
                        + "CASE WHEN min(LocalPort) = max(LocalPort) THEN min(LocalPort) END AS LocalPort, Protocol, "
                        + "Direction, Ipv4Status, count(*) AS Times FROM events WHERE Muid = ? AND Family = 'network' "
                        + "GROUP BY Muid, LoggedUser, ParentFilename, ParentPid, RemoteIp, RemotePort, LocalIp, Protocol, "
                        + "Direction, Ipv4Status ORDER BY Times DESC, 1, RemoteIp LIMIT 10", List.of(muid)));
        c.add(new Case("communications histogram=hour", () -> m.communications().histogram(Histogram.byHour()).frame(),
                "SELECT date_trunc('hour', DateTime) AS DateTime, count(*) AS Count FROM events "
                        + "WHERE Muid = ? AND Family = 'network' GROUP BY 1 ORDER BY 1", List.of(muid)));
        c.add(new Case("detections", () -> m.detections().frame(),
                "SELECT " + DET_COLS + " FROM events WHERE Muid = ? AND Family = 'detection' ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("blocked", () -> m.blocked().frame(),
                "SELECT " + DET_COLS + " FROM events WHERE Muid = ? AND Family = 'blocked' ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("events by=type (1 day)", () -> m.events().period(oneDay).by("type").frame(),
                "SELECT Channel, EventId, count(*) AS Events FROM events WHERE Muid = ? AND DateTime >= ? "
                        + "AND DateTime < ? GROUP BY Channel, EventId ORDER BY Events DESC, Channel, EventId",
                List.of(muid, dayFrom, dayTo)));
        c.add(new Case("ioas", () -> m.ioas().frame(), null, List.of()));
        c.add(new Case("processes", () -> m.processes().frame(),
                "SELECT " + PROC_COLS + " FROM events WHERE Muid = ? AND Family = 'process' AND Operation = 'create' "
                        + ONE_PER_PROCESS + " ORDER BY DateTime",
                List.of(muid)));
        c.add(new Case("users", () -> m.users().frame(),
                "SELECT LoggedUser, min(Date) AS IniDate, max(Date) AS EndDate, count(DISTINCT Date) AS NumDays "
                        + "FROM events WHERE Muid = ? AND LoggedUser IS NOT NULL GROUP BY LoggedUser ORDER BY LoggedUser", List.of(muid)));
        c.add(new Case("timetable", () -> m.timetable(),
                "SELECT LoggedUser, isodow(D) AS Weekday, H AS Hour, avg(N) AS AvgActions, "
                        + "coalesce(stddev_pop(N), 0) AS StdActions FROM (SELECT LoggedUser, CAST(DateTime AS DATE) AS D, "
                        + "hour(DateTime) AS H, count(*) AS N FROM events WHERE Muid = ? GROUP BY 1, 2, 3) "
                        + "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3", List.of(muid)));
        String server = "('w3wp.exe', 'sqlservr.exe', 'httpd.exe', 'nginx.exe', 'tomcat.exe', 'tomcat9.exe', "
                + "'msexchangetransport.exe', 'edgetransport.exe', 'inetinfo.exe', 'dns.exe', 'ntfrs.exe', 'dfsrs.exe')";
        String desk = "('explorer.exe', 'msedge.exe', 'chrome.exe', 'firefox.exe', 'iexplore.exe', 'winword.exe', "
                + "'excel.exe', 'outlook.exe', 'powerpnt.exe', 'teams.exe', 'onedrive.exe')";
        c.add(new Case("info", () -> m.info(),
                "SELECT count(*) FILTER (WHERE (lower(Channel) = 'security' AND EventId IN (4768, 4769, 4771)) "
                        + "OR lower(Channel) IN ('directory service', 'dfs replication')) AS dc, "
                        + "count(*) FILTER (WHERE lower(ChildFilename) IN " + server + " OR lower(ParentFilename) IN "
                        + server + " OR (Direction = 'Incoming' AND LocalPort IN (21, 22, 25, 80, 443, 1433, 3306, "
                        + "5432, 8080, 8443))) AS server, "
                        + "count(*) FILTER (WHERE lower(ChildFilename) IN " + desk + " OR lower(ParentFilename) IN "
                        + desk + " OR (EventId = 4624 AND LogonType IN ('2', '11'))) AS desk "
                        + "FROM events WHERE Muid = ?",
                List.of(muid)));
        c.add(new Case("Process.parent", () -> proc.parent(),
                "SELECT " + TREE_COLS + " FROM events WHERE Muid = ? AND Family = 'process' AND Operation = 'create' "
                        + "AND ChildGuid = ? ORDER BY DateTime LIMIT 1", List.of(muid, String.valueOf(proc.parentGuid()))));
        c.add(new Case("Process.children", () -> proc.children(),
                "SELECT " + TREE_COLS + " FROM events WHERE Muid = ? AND Family = 'process' AND Operation = 'create' "
                        + "AND ParentGuid = ? ORDER BY DateTime", List.of(muid, String.valueOf(guid))));
        c.add(new Case("Process.executionTree", () -> proc.executionTree(TimePeriod.all()),
                "WITH RECURSIVE c AS MATERIALIZED (SELECT " + TREE_COLS + ", ChildGuid, ParentGuid FROM events "
                        + "WHERE Muid = ? AND Family = 'process' AND Operation = 'create'), "
                        + "up(g, pg, d) AS (SELECT ChildGuid, ParentGuid, 0 FROM c WHERE ChildGuid = ? "
                        + "UNION SELECT c.ChildGuid, c.ParentGuid, up.d + 1 FROM c JOIN up ON c.ChildGuid = up.pg WHERE up.d < 64), "
                        + "down(g, d) AS (SELECT ?, 0 UNION SELECT c.ChildGuid, down.d + 1 FROM c JOIN down ON c.ParentGuid = down.g "
                        + "WHERE down.d < 64) "
                        + "SELECT DISTINCT ON (ChildGuid) " + TREE_COLS + " FROM c WHERE ChildGuid IN (SELECT g FROM up "
                        + "UNION SELECT g FROM down) ORDER BY ChildGuid, DateTime", List.of(muid, guid, guid)));
        c.add(new Case("Process.commandlines ntop=10", () -> proc.commandlines(TimePeriod.all(), 10),
                "SELECT CommandLine, count(*) AS Times FROM events WHERE Muid = ? AND Family = 'process' "
                        + "AND Operation = 'create' AND CommandLine IS NOT NULL AND "
                        + (proc.md5() != null ? "lower(ChildMd5)" : "lower(ChildFilename)") + " = lower(?) "
                        + "GROUP BY CommandLine ORDER BY Times DESC, CommandLine LIMIT 10",
                List.of(muid, proc.md5() != null ? proc.md5() : proc.name())));
        c.add(new Case("TH.process(guid)", () -> th.process(guid),
                "SELECT " + PROC_COLS + " FROM events WHERE ChildGuid = ? AND Family = 'process' AND Operation = 'create' "
                        + "ORDER BY DateTime", List.of(guid)));
        c.add(new Case("Client.machinesWithFile(name)", () -> client.machinesWithFile(proc.name()),
                MACHINE_ROW + "ClientId = ? AND (lower(ChildFilename) = lower(?) OR lower(ParentFilename) = lower(?))"
                        + MACHINE_GROUP, List.of(clientId, proc.name(), proc.name())));
        c.add(new Case("Client.machinesWithIp", () -> client.machinesWithIp(someIp),
                MACHINE_ROW + "ClientId = ? AND (RemoteIp = ? OR LocalIp = ?)" + MACHINE_GROUP,
                List.of(clientId, someIp, someIp)));
        c.add(new Case("Client.machinesWithUser", () -> client.machinesWithUser(someUser),
                MACHINE_ROW + "ClientId = ? AND lower(LoggedUser) = lower(?)" + MACHINE_GROUP,
                List.of(clientId, someUser)));
        c.add(new Case("Client.machinesWithCommand", () -> client.machinesWithCommand("sekurlsa"),
                MACHINE_ROW + "ClientId = ? AND CommandLine ILIKE '%sekurlsa%'" + MACHINE_GROUP, List.of(clientId)));
        return c;
    }

    /** The number of rows an answer has, whatever its type. */
    static int rows(Object answer) {
        if (answer instanceof org.dflib.DataFrame df) {
            return df.height();
        } else if (answer instanceof Hits<?> h) {
            return h.size();
        } else if (answer instanceof List<?> l) {
            return l.size();
        }
        return answer == null ? 0 : 1;
    }
}
