package dev.th;

import dev.th.ask.Conditions;
import dev.th.ask.Coverage;
import dev.th.ask.MachineProfile;
import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.ask.Timetable;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;

/**
 * The seed's Machine (one MUID): a row of a machine list (Muid, MachineName, ClientId,
 * FirstSeen, LastSeen, Events) and every question of the seed about the machine:
 * {@link #executions()} ({@code get_executions}), {@link #files()} ({@code get_files}),
 * {@link #registry()} ({@code get_registry}), {@link #communications()}
 * ({@code get_communications}), {@link #detections()} ({@code get_detections}),
 * {@link #blocked()} ({@code get_blocked}), {@link #events()} ({@code get_events}),
 * {@link #ioas()} ({@code get_ioas}), {@link #processes()} ({@code get_processes}),
 * {@link #users()} ({@code get_users}), {@link #timetable} ({@code get_timetable}),
 * {@link #bandwidth} ({@code get_bandwidth}), {@link #info} ({@code get_info}),
 * {@link #osInfo()} ({@code get_os_info}), {@link #names()} ({@code get_name}),
 * {@link #client()} ({@code get_client}), {@link #firstSeen()}, {@link #lastSeen()},
 * {@link #muid()}, {@link #name()}. Questions default to the machine's period
 * ({@link #withPeriod}), which defaults to the session's (today unless changed).
 */
public final class Machine extends Row {
    /** The columns of a machine list. */
    public static final List<String> COLUMNS = List.of("Muid", "MachineName", "ClientId", "FirstSeen", "LastSeen", "Events");

    /** The seed's {@code get_os_info}: the OS name, version and build, and what tells it. */
    public record OsInfo(String name, String version, Integer build, String evidence) {
    }

    private TimePeriod period;

    Machine(Session session, List<String> columns, Object[] values) {
        super(session, columns, values);
    }

    /** The machines whose events match {@code c}, ordered by name. */
    static Hits<Machine> list(Session session, Cond c) {
        Table t = session.run(Query.from(Session.EVENTS).where(c)
                .select(Expr.col("Muid"), "Muid")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "MachineName")
                .select(Expr.col("ClientId"), "ClientId")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "FirstSeen")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "LastSeen")
                .select(Expr.count(), "Events")
                .groupBy(Expr.col("Muid"), Expr.col("ClientId"))
                .orderBy(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), false));
        List<Machine> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            rows.add(new Machine(session, t.columns(), r));
        }
        return new Hits<>(COLUMNS, rows, null);
    }

    /**
     * {@link #list} and the machines seen by the network only (hosts at one end of network flows
     * that sent no logs: their address is their name, their event count 0), for a condition on
     * ClientId, Muid and MachineName only.
     */
    static Hits<Machine> listWithNetworkOnly(Session session, Cond c) {
        Hits<Machine> own = list(session, c);
        if (!session.engine.hasTable(NETWORK_ONLY)) {
            return own;
        }
        Table t = session.run(Query.from(NETWORK_ONLY).where(Cond.and(List.of(c, Cond.eq("NetworkOnly", true))))
                .select(Expr.col("Muid"), "Muid")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "MachineName")
                .select(Expr.col("ClientId"), "ClientId")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("Start")), "FirstSeen")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("Start")), "LastSeen")
                .select(Expr.param(0L), "Events")
                .groupBy(Expr.col("Muid"), Expr.col("ClientId"))
                .orderBy(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), false));
        if (t.rows().isEmpty()) {
            return own;
        }
        List<Machine> rows = new ArrayList<>(own.list());
        for (Object[] r : t.rows()) {
            rows.add(new Machine(session, t.columns(), r));
        }
        return new Hits<>(COLUMNS, rows, null);
    }

    /** Where the machines seen by the network only are (the flows assigned to machines). */
    static final String NETWORK_ONLY = "flow_links";

    static Machine byMuid(Session session, String muid, TimePeriod period) {
        Hits<Machine> h = listWithNetworkOnly(session, Cond.eq("Muid", muid));
        if (h.isEmpty()) {
            throw new IllegalArgumentException("no machine with Muid " + muid + " in the store");
        }
        return h.get(0).withPeriod(period);
    }

    /**
     * The machine named {@code nameOrMuid} among the machines of {@code scope}, reading only the
     * candidates (same Muid, or a name containing the text) rather than listing every machine.
     */
    static Machine find(Session session, Cond scope, String nameOrMuid, String where) {
        String n = nameOrMuid.trim();
        Cond candidate = Cond.or(List.of(Cond.eq("Muid", n.toLowerCase(java.util.Locale.ROOT)),
                Cond.contains("MachineName", n)));
        Hits<Machine> candidates = listWithNetworkOnly(session, Cond.and(List.of(scope, candidate)));
        return pick(candidates.isEmpty() ? listWithNetworkOnly(session, scope) : candidates, n, where);
    }

    /**
     * The machine named {@code nameOrMuid} among {@code machines}: a Muid, a name, or a name's
     * first label ({@code WIN-DC01} for {@code WIN-DC01.corp.local}), case ignored.
     */
    static Machine pick(Hits<Machine> machines, String nameOrMuid, String where) {
        String n = nameOrMuid.trim();
        List<Machine> exact = new ArrayList<>();
        List<Machine> shortName = new ArrayList<>();
        for (Machine m : machines) {
            if (n.equalsIgnoreCase(m.muid()) || n.equalsIgnoreCase(m.name())) {
                exact.add(m);
            } else if (m.name() != null && m.name().toLowerCase(java.util.Locale.ROOT)
                    .startsWith(n.toLowerCase(java.util.Locale.ROOT) + ".")) {
                shortName.add(m);
            }
        }
        List<Machine> found = exact.isEmpty() ? shortName : exact;
        if (found.size() == 1) {
            return found.get(0);
        }
        List<String> names = new ArrayList<>();
        for (Machine m : (found.isEmpty() ? machines.list() : found)) {
            names.add(m.name() + " (" + m.clientId() + ", " + m.muid() + ")");
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no machine '" + nameOrMuid + "' " + where + "; machines: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        throw new IllegalArgumentException("'" + nameOrMuid + "' names several machines " + where + ": "
                + String.join(", ", names) + "; give the Muid or the client");
    }

    /**
     * The seed's {@code Machine(local_ip=..., period=...)}: the machine of {@code scope} whose own
     * events (its connections: Sysmon 3, the Windows Filtering Platform) used {@code ip} as their
     * local address in {@code period}, its questions defaulting to that period. An error says when
     * no machine or several did, and where else the address was seen.
     */
    static Machine byLocalIp(Session session, Cond scope, String ip, TimePeriod period) {
        String a = ip == null ? "" : ip.trim();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("local_ip: give an IP address");
        }
        List<Cond> c = new ArrayList<>(List.of(scope, Cond.eq("LocalIp", a)));
        Cond pc = Conditions.periodCondition(period, session);
        if (pc != null) {
            c.add(pc);
        }
        Hits<Machine> used = list(session, Cond.and(c));
        if (used.size() == 1) {
            return byMuid(session, used.get(0).muid(), period);
        }
        if (used.size() > 1) {
            List<String> names = new ArrayList<>();
            for (Machine m : used) {
                names.add(m.name() + " (" + m.clientId() + ", " + m.muid() + ", " + m.firstSeen() + " .. " + m.lastSeen() + ")");
            }
            throw new IllegalArgumentException("local address " + a + " was used by several machines in period " + period
                    + ": " + String.join(", ", names) + "; narrow the period or give the client");
        }
        Hits<Machine> ever = list(session, Cond.and(List.of(scope, Cond.eq("LocalIp", a))));
        Hits<Machine> remote = list(session, Cond.and(List.of(scope, Cond.eq("RemoteIp", a))));
        String where = !ever.isEmpty()
                ? "; it was, outside that period, by " + ever.get(0).name() + " (" + ever.get(0).firstSeen() + " .. "
                        + ever.get(0).lastSeen() + ")"
                : !remote.isEmpty() ? "; it is only a remote address, of connections of " + remote.get(0).name()
                        : "; no event of the store has it (machines without Sysmon 3 or Windows Filtering Platform "
                                + "events have no local addresses)";
        throw new IllegalArgumentException("no machine used local address " + a + " in period " + period + where);
    }

    /** The same machine whose questions default to {@code p} (the seed's Machine(period=...)). */
    public Machine withPeriod(TimePeriod p) {
        Machine m = new Machine(session, List.copyOf(toMap().keySet()), toMap().values().toArray());
        m.period = p;
        return m;
    }

    /** The period this machine's questions default to. */
    public TimePeriod period() {
        return period != null ? period : session.defaultPeriod();
    }

    /** The seed's {@code muid}: 32 hex digits, MD5 of ClientId + "/" + lower-case name. */
    public String muid() {
        return text("Muid");
    }

    /** The seed's {@code name}: the machine's name as its events spell it. */
    public String name() {
        return text("MachineName");
    }

    public String clientId() {
        return text("ClientId");
    }

    /**
     * Whether the machine is known only from network flows (a host at one end of them that sent no
     * logs): its name is its address and it has no events. When its own logs arrive, its flows go
     * to the machine that sent them and this one is gone (docs/flows.md).
     */
    public boolean networkOnly() {
        return eventCount() == 0;
    }

    /** How many events the store holds for this machine (all time). */
    public long eventCount() {
        return number("Events");
    }

    /** The seed's {@code first_seen}: the first recorded activity. */
    public Instant firstSeen() {
        return instant("FirstSeen");
    }

    /** The seed's {@code last_seen}: the last recorded activity. */
    public Instant lastSeen() {
        return instant("LastSeen");
    }

    /** The seed's {@code get_client}. */
    public Client client() {
        return new Client(session, clientId());
    }

    /** The seed's {@code get_name}: a frame relating the Muid and the name. */
    public DataFrame names() {
        return DataFrame.foldByRow("Muid", "MachineName").of(muid(), name());
    }

    Scope scope() {
        return new Scope(Cond.eq("Muid", muid()), this::period, "machine " + name());
    }

    /** The seed's {@code get_executions}. */
    public ExecutionsQuery executions() {
        return new ExecutionsQuery(session, scope(), SeedColumns.MACHINE_EXECUTIONS);
    }

    /** The seed's {@code get_files}. */
    public FilesQuery files() {
        return new FilesQuery(session, scope());
    }

    /** The seed's {@code get_registry}. */
    public RegistryQuery registry() {
        return new RegistryQuery(session, scope(), SeedColumns.MACHINE_REGISTRY);
    }

    /** Services installed, changed, started and stopped, and drivers loaded (System, Security, Sysmon 6). */
    public FamilyQuery services() {
        return new FamilyQuery(session, scope(), "service");
    }

    /** Scheduled tasks created, changed, deleted and run (Security 4698-4702, TaskScheduler Operational). */
    public FamilyQuery tasks() {
        return new FamilyQuery(session, scope(), "task");
    }

    /** WMI event filters, consumers, bindings and providers (Sysmon 19-21, WMI-Activity 5857-5861). */
    public FamilyQuery wmi() {
        return new FamilyQuery(session, scope(), "wmi");
    }

    /** Named pipes created and connected (Sysmon 17, 18), with the process of each end. */
    public FamilyQuery pipes() {
        return new FamilyQuery(session, scope(), "pipe");
    }

    /**
     * Logon events as rows: logons, failures, logoffs, explicit credentials, privileges, Kerberos
     * and NTLM, reconnects, Remote Desktop, boots (operation names in docs/normalize.md).
     */
    public FamilyQuery logons() {
        return new FamilyQuery(session, scope(), "logon");
    }

    /** The logon sessions of this machine (keyed by boot and LogonId), with the pivot to their processes. */
    public SessionsQuery sessions() {
        return new SessionsQuery(session, scope());
    }

    /** PowerShell: 4104 script blocks reassembled, 4103 module logging, the classic log's 400/403/600/800. */
    public ScriptsQuery scripts() {
        return new ScriptsQuery(session, scope());
    }

    /** The seed's {@code get_communications}. */
    public CommunicationsQuery communications() {
        return new CommunicationsQuery(session, scope(), SeedColumns.MACHINE_COMMUNICATIONS);
    }

    /** The seed's {@code get_detections}. */
    public DetectionsQuery detections() {
        return new DetectionsQuery(session, scope());
    }

    /** The seed's {@code get_blocked}. */
    public BlockedQuery blocked() {
        return new BlockedQuery(session, scope());
    }

    /** The seed's {@code get_events}. */
    public EventsQuery events() {
        return new EventsQuery(session, scope());
    }

    /** The seed's {@code get_ioas}. */
    public IoasQuery ioas() {
        return new IoasQuery(session, muid(), null, this::period);
    }

    /** The seed's {@code get_processes}. */
    public ProcessesQuery processes() {
        return new ProcessesQuery(session, scope());
    }

    /** The seed's {@code get_users}. */
    public UsersQuery users() {
        return new UsersQuery(session, scope());
    }

    /** The seed's {@code get_timetable} in the machine's period. */
    public DataFrame timetable() {
        return timetable(period());
    }

    /** The seed's {@code get_timetable}: LoggedUser, Weekday (1..7, Monday = 1), Hour, AvgActions, StdActions. */
    public DataFrame timetable(TimePeriod period) {
        return Timetable.of(session, scope().cond(), period);
    }

    /**
     * Beyond the seed: what the machine's logs cover, one row per channel (Channel, First, Last,
     * Events, FirstRecord, LastRecord, MissingRecords, Gaps, Tampering): the time span, the event
     * record ids seen and those missing between them, and the events that say logging was
     * stopped or tampered with (Security 1102, 1100, 4719; System 104; Sysmon 16, 255; Defender
     * 5001, 5007), so that no data is not read as no activity.
     */
    public DataFrame coverage() {
        return Coverage.of(session, muid());
    }

    /** The seed's {@code get_bandwidth} in the machine's period. */
    public DataFrame bandwidth() {
        return bandwidth(period());
    }

    /**
     * The seed's {@code get_bandwidth} (Date, Outgoing, Incoming in MB) from the network flows
     * assigned to this machine, limited to the processes running {@code files} when given (by
     * name or path). {@link #bandwidthAnswer} gives the same with what it rests on.
     */
    public DataFrame bandwidth(TimePeriod period, File... files) {
        return bandwidthAnswer(period, files).frame();
    }

    /** {@link #bandwidth(TimePeriod, File...)} with its note: the share of flow bytes assigned to processes, the clock offset. */
    public Bandwidth bandwidthAnswer(TimePeriod period, File... files) {
        return Bandwidth.of(session, muid(), name(), Bandwidth.files(files), period);
    }

    /** The seed's {@code get_info} in the machine's period. */
    public List<String> info() {
        return info(period());
    }

    /** The seed's {@code get_info}: the profiles its activity shows: domaincontroller, server, workstation (or unknown). */
    public List<String> info(TimePeriod period) {
        return MachineProfile.infer(session, scope().cond(), period);
    }

    /** The seed's {@code get_os_info}. */
    public OsInfo osInfo() {
        return MachineProfile.os(session, scope().cond());
    }
}
