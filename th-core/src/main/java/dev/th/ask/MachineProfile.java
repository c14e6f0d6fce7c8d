package dev.th.ask;

import dev.th.Machine;
import dev.th.TimePeriod;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Infers a machine's profile (the seed's {@code get_info}) from what it does in a period:
 * {@code domaincontroller} when it logs Kerberos ticket events (4768, 4769, 4771, only written by
 * domain controllers) or Directory Service events; {@code server} when it runs server software
 * (IIS, SQL Server, Exchange, web servers) or accepts connections on server ports;
 * {@code workstation} when users work on it (interactive logons, a desktop shell, browsers,
 * office programs). A machine can have several profiles; none found gives {@code unknown}.
 */
public final class MachineProfile {
    static final Set<Integer> KERBEROS = Set.of(4768, 4769, 4771);
    static final Set<String> SERVER_PROCESSES = Set.of("w3wp.exe", "sqlservr.exe", "httpd.exe", "nginx.exe",
            "tomcat.exe", "tomcat9.exe", "msexchangetransport.exe", "edgetransport.exe", "inetinfo.exe", "dns.exe",
            "ntfrs.exe", "dfsrs.exe");
    static final Set<String> DESKTOP_PROCESSES = Set.of("explorer.exe", "msedge.exe", "chrome.exe", "firefox.exe",
            "iexplore.exe", "winword.exe", "excel.exe", "outlook.exe", "powerpnt.exe", "teams.exe", "onedrive.exe");
    static final Set<Integer> SERVER_PORTS = Set.of(21, 22, 25, 80, 443, 1433, 3306, 5432, 8080, 8443);

    private MachineProfile() {
    }

    public static List<String> infer(Session session, Cond machine, TimePeriod period) {
        List<Cond> c = new ArrayList<>(List.of(machine));
        Cond pc = Conditions.periodCondition(period, session);
        if (pc != null) {
            c.add(pc);
        }
        Cond scope = Cond.and(c);
        Cond dcEvidence = Cond.or(List.of(
                Cond.and(List.of(Cond.inIgnoreCase("Channel", List.of("security")), Cond.in("EventId", List.copyOf(KERBEROS)))),
                Cond.inIgnoreCase("Channel", List.of("directory service", "dfs replication"))));
        Cond serverEvidence = Cond.or(List.of(
                Cond.inIgnoreCase("ChildFilename", List.copyOf(SERVER_PROCESSES)),
                Cond.inIgnoreCase("ParentFilename", List.copyOf(SERVER_PROCESSES)),
                Cond.and(List.of(Cond.eq("Direction", "Incoming"), Cond.in("LocalPort", List.copyOf(SERVER_PORTS))))));
        Cond deskEvidence = Cond.or(List.of(
                Cond.inIgnoreCase("ChildFilename", List.copyOf(DESKTOP_PROCESSES)),
                Cond.inIgnoreCase("ParentFilename", List.copyOf(DESKTOP_PROCESSES)),
                Cond.and(List.of(Cond.in("EventId", List.of(4624)), Cond.in("LogonType", List.of("2", "11"))))));
        // one scan of the machine's events answers all three: a conditional count per kind of evidence
        Table t = session.run(Query.from(Session.EVENTS).where(scope)
                .select(countWhere(dcEvidence), "Dc")
                .select(countWhere(serverEvidence), "Server")
                .select(countWhere(deskEvidence), "Desk"));
        Object[] counts = t.rows().get(0);
        boolean dc = ((Number) counts[0]).longValue() > 0;
        boolean server = ((Number) counts[1]).longValue() > 0;
        boolean desk = ((Number) counts[2]).longValue() > 0;
        List<String> out = new ArrayList<>();
        if (dc) {
            out.add("domaincontroller");
        }
        if (server || dc) {
            out.add("server");
        }
        if (desk && !dc) {
            out.add("workstation");
        }
        if (out.isEmpty()) {
            out.add("unknown");
        }
        return out;
    }

    /** {@code count(CASE WHEN c THEN 1 END)}: the rows meeting {@code c}, in any engine's SQL. */
    private static Expr countWhere(Cond c) {
        return Expr.call(Expr.Fn.COUNT, new Expr.Case(c, Expr.param(1)));
    }

    /** The OS the machine runs, from the file versions of its System32 binaries. */
    public static Machine.OsInfo os(Session session, Cond machine) {
        Expr version = Expr.call(Expr.Fn.JSON_FIELD, Expr.col("Fields"), Expr.param("FileVersion"));
        Query versions = Query.from(Session.EVENTS).where(machine)
                .where(Cond.eq("Family", "process"))
                .where(new Cond.Contains(Expr.col("ChildPath"), "\\windows\\system32\\", true))
                .select(version, "V");
        Table t = session.run(Query.from(versions).where(Cond.not(Cond.isNull("V")))
                .select(Expr.col("V"), "V").select(Expr.count(), "N")
                .groupBy(Expr.col("V")).orderBy(Expr.count(), true).orderBy(Expr.col("V"), false).limit(20));
        for (Object[] r : t.rows()) {
            String v = (String) r[0];
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(v);
            if (m.find()) {
                int major = Integer.parseInt(m.group(1));
                int minor = Integer.parseInt(m.group(2));
                int build = Integer.parseInt(m.group(3));
                if (major != 6 && major != 10) {
                    continue;
                }
                return new Machine.OsInfo(name(major, minor, build), major + "." + minor, build,
                        "FileVersion " + v + " of System32 binaries (" + r[1] + " process events)");
            }
        }
        return new Machine.OsInfo(null, null, null, "no event of this machine tells its OS version");
    }

    static String name(int major, int minor, int build) {
        if (major == 10) {
            if (build >= 22000) {
                return build == 20348 ? "Windows Server 2022" : "Windows 11 / Windows Server 2025";
            }
            return switch (build) {
                case 14393 -> "Windows 10 1607 / Windows Server 2016";
                case 17763 -> "Windows 10 1809 / Windows Server 2019";
                case 20348 -> "Windows Server 2022";
                default -> "Windows 10";
            };
        }
        String v = (major + "." + minor).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "6.1" -> "Windows 7 / Windows Server 2008 R2";
            case "6.2" -> "Windows 8 / Windows Server 2012";
            case "6.3" -> "Windows 8.1 / Windows Server 2012 R2";
            case "6.0" -> "Windows Vista / Windows Server 2008";
            default -> "Windows NT " + v;
        };
    }
}
