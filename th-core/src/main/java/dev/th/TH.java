package dev.th;

import dev.th.ask.Lineage;
import dev.th.ask.Scope;
import dev.th.ask.Session;
import dev.th.geo.GeoIp;
import dev.th.query.Cond;
import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A session on a TH store: the entry point of the API.
 *
 * <pre>{@code
 * try (TH th = TH.open(Path.of("th-data"))) {
 *     th.defaultPeriod(TimePeriod.all());
 *     Machine m = th.machine("WORKSTATION5");
 *     Hits<Process> hits = m.executions().operation(Operation.Process.CREATE).fetch();
 *     DataFrame df = hits.frame();
 * }
 * }</pre>
 *
 * The engine is found through {@link ServiceLoader} of {@link EngineProvider} (the embedded
 * DuckDB engine of module th-duckdb by default) and opened read-only.
 */
public final class TH implements AutoCloseable {
    /** The folder of a lake's commit log. */
    public static final String LAKE_LOG = "_th_lake";

    private final Session session;

    private TH(QueryEngine engine, Clock clock) {
        this.session = new Session(engine, clock);
    }

    /** Opens the store in {@code ./th-data}. */
    public static TH open() {
        return open(Path.of("th-data"));
    }

    /** Opens the store in {@code dataDir} (default {@code ./th-data}) with the first engine that accepts it. */
    public static TH open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** {@link #open(Path)} with a clock (what "today" means; for tests and replays). */
    public static TH open(Path dataDir, Clock clock) {
        if (!Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("no TH store at " + dataDir.toAbsolutePath() + ": the folder does not exist (run th ingest first)");
        }
        EngineProvider best = null;
        List<String> names = new ArrayList<>();
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            names.add(p.name());
            if (p.accepts(dataDir) && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        if (best == null && isLake(dataDir)) {
            throw new IllegalArgumentException(dataDir.toAbsolutePath() + " is a lake, which only the Spark engine (th-spark) reads,"
                    + " and th-spark is not on the class path (the th launcher adds lib/spark/ when --db names a lake; TH_SPARK=1 forces it)");
        }
        if (best == null) {
            throw new IllegalArgumentException(names.isEmpty()
                    ? "no query engine on the class path (add th-duckdb)"
                    : "no TH store in " + dataDir.toAbsolutePath() + " that an engine (" + String.join(", ", names)
                            + ") can open (run th ingest first)");
        }
        TH th = new TH(best.open(dataDir), clock);
        th.session.geo(GeoIp.ofDataDir(dataDir));
        return th;
    }

    /** Whether {@code dir} is a lake (it holds the lake's commit log {@code _th_lake/}; docs/cluster.md). */
    public static boolean isLake(Path dir) {
        return Files.isDirectory(dir.resolve(LAKE_LOG));
    }

    /** A session over an engine already open (e.g. one a test or another engine made). */
    public static TH over(QueryEngine engine, Clock clock) {
        return new TH(engine, clock);
    }

    /**
     * Where the GeoIP database is that places communications' public addresses ({@code th geoip
     * install} puts it in the data directory's {@code geoip/}, which {@link #open(Path)} reads; a
     * session made {@link #over} an engine has none until given the folder, e.g.
     * {@code dataDir.resolve("geoip")}).
     */
    public TH geoIp(Path dir) {
        session.geo().close();
        session.geo(GeoIp.at(dir));
        return this;
    }

    Session session() {
        return session;
    }

    /** The period questions default to (today, as in the seed, unless changed). */
    public TimePeriod defaultPeriod() {
        return session.defaultPeriod();
    }

    /** Changes the session's default period (e.g. {@link TimePeriod#all()} for a folder of old logs). */
    public TH defaultPeriod(TimePeriod p) {
        session.defaultPeriod(p);
        return this;
    }

    /** A client by id (ingest's {@code --client}, {@code default} unless given). */
    public Client client(String id) {
        return new Client(session, id);
    }

    /** Every client in the store. */
    public List<Client> clients() {
        List<Client> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Machine m : machines()) {
            if (!seen.contains(m.clientId())) {
                seen.add(m.clientId());
                out.add(new Client(session, m.clientId()));
            }
        }
        return out;
    }

    /**
     * Every machine in the store (Muid, MachineName, ClientId, FirstSeen, LastSeen, Events), with
     * the machines seen by the network only ({@link Machine#networkOnly()}: Events 0).
     */
    public Hits<Machine> machines() {
        return Machine.listWithNetworkOnly(session, new dev.th.query.Cond.And(List.of()));
    }

    /** A machine of any client by Muid, name or first name label; an error lists the machines when none or several match. */
    public Machine machine(String nameOrMuid) {
        return Machine.find(session, Cond.and(List.of()), nameOrMuid, "in the store");
    }

    /** Several machines, each by Muid, name or first name label (the seed's Machine(muid=[...]) / Machine(name=[...])). */
    public Hits<Machine> machines(String... namesOrMuids) {
        Hits<Machine> all = machines();
        List<Machine> out = new ArrayList<>();
        for (String n : namesOrMuids) {
            Machine m = Machine.pick(all, n, "in the store");
            if (out.stream().noneMatch(x -> x.muid().equals(m.muid()))) {
                out.add(m);
            }
        }
        return new Hits<>(Machine.COLUMNS, out, null);
    }

    /**
     * The seed's {@code Machine(local_ip=..., period=...)}: the machine whose own connections
     * (Sysmon 3, Windows Filtering Platform) used {@code ip} as local address in {@code period};
     * an error says when none or several did.
     */
    public Machine machineByLocalIp(String ip, TimePeriod period) {
        return Machine.byLocalIp(session, Cond.and(List.of()), ip, period);
    }

    /**
     * The seed's {@code Process(filename=, md5=, logged_user=, period=, time=)} over every client:
     * the processes the options select ({@link ProcessesQuery#filename}, {@link ProcessesQuery#md5},
     * {@link ProcessesQuery#loggedUser}, {@link ProcessesQuery#period}, {@link ProcessesQuery#time});
     * {@code client(id).processes()} adds {@code client_id=}, {@code machine(m).processes()}
     * {@code muid=}, and {@link ProcessesQuery#pid} {@code pid=}.
     */
    public ProcessesQuery processes() {
        return new ProcessesQuery(session, new Scope(Cond.and(List.of()), session::defaultPeriod, "the store"));
    }

    /**
     * The process created with this process GUID (braces and case ignored), as a row of
     * get_processes; its questions default to the session's period.
     */
    public Process process(String guid) {
        String g = guid == null ? "" : guid.trim().replace("{", "").replace("}", "").toLowerCase(java.util.Locale.ROOT);
        Hits<Process> h = new ProcessesQuery(session, new Scope(dev.th.query.Cond.eq("ChildGuid", g), TimePeriod::all, "guid " + g))
                .period(TimePeriod.all()).fetch();
        if (h.isEmpty()) {
            throw new IllegalArgumentException("no process created with GUID " + g + " in the store");
        }
        Process p = h.get(0);
        p.period = session.defaultPeriod();
        return p;
    }

    /**
     * The process that had {@code pid} on the machine {@code machine} (name or Muid) at
     * {@code time}: the last creation of that pid at or before {@code time} (a pid reused later
     * names another process). Prefers the creation logged with a GUID when both sources logged it.
     */
    public Process process(String machine, long pid, java.time.Instant time) {
        Machine m = machine(machine);
        Hits<Process> h = new ProcessesQuery(session, new Scope(dev.th.query.Cond.and(List.of(
                dev.th.query.Cond.eq("Muid", m.muid()), dev.th.query.Cond.eq("ChildPid", pid),
                dev.th.query.Cond.cmp("DateTime", dev.th.query.Cond.Op.LE, time))), TimePeriod::all, "pid " + pid))
                .period(TimePeriod.all()).fetch();
        if (h.isEmpty()) {
            throw new IllegalArgumentException("no process with pid " + pid + " created on " + m.name() + " at or before " + time);
        }
        Process last = h.get(h.size() - 1);
        Process chosen = last;
        for (Process p : h) {
            if (p.guid() != null && !p.time().isAfter(last.time()) && java.time.Duration.between(p.time(), last.time()).toSeconds() < 1) {
                chosen = p;
            }
        }
        Process end = chosen;
        java.time.Instant ended = Lineage.end(end);
        if (ended != null && !ended.isAfter(time)) {
            throw new IllegalArgumentException("pid " + pid + " on " + m.name() + " had ended at " + ended + " before " + time);
        }
        chosen.period = session.defaultPeriod();
        return chosen;
    }

    /** A user by name ({@code DOMAIN\\name} or {@code name}), for its pivots. */
    public User user(String name) {
        return User.named(session, name);
    }

    /** A file by MD5, path or name, for its pivots. */
    public File file(String md5OrPathOrName) {
        File.of(md5OrPathOrName);
        return File.spec(session, md5OrPathOrName.trim());
    }

    /** The engine's name ({@code duckdb}). */
    public String engineName() {
        return session.engine.name();
    }

    @Override
    public void close() {
        session.geo().close();
        session.engine.close();
    }
}
