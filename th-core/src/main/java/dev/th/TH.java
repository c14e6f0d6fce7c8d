package dev.th;

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
        if (best == null) {
            throw new IllegalArgumentException(names.isEmpty()
                    ? "no query engine on the class path (add th-duckdb)"
                    : "no TH store in " + dataDir.toAbsolutePath() + " that an engine (" + String.join(", ", names)
                            + ") can open (run th ingest first)");
        }
        return new TH(best.open(dataDir), clock);
    }

    /** A session over an engine already open (e.g. one a test or another engine made). */
    public static TH over(QueryEngine engine, Clock clock) {
        return new TH(engine, clock);
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

    /** Every machine in the store (Muid, MachineName, ClientId, FirstSeen, LastSeen, Events). */
    public Hits<Machine> machines() {
        return Machine.list(session, new dev.th.query.Cond.And(List.of()));
    }

    /** A machine of any client by Muid, name or first name label; an error lists the machines when none or several match. */
    public Machine machine(String nameOrMuid) {
        return Machine.pick(machines(), nameOrMuid, "in the store");
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
        session.engine.close();
    }
}
