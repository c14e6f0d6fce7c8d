package dev.th.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.Client;
import dev.th.Hits;
import dev.th.IoA;
import dev.th.Machine;
import dev.th.Row;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.engine.duckdb.DuckDbEngine;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaStatus;
import dev.th.store.DuckDbStore;
import dev.th.store.IoaTable;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code th serve}: one process holds the store (read-write, so that IoA status changes and later
 * ingests go through it) and answers the HTTP API of {@link #routes()}. Every question is asked
 * through {@link TH#client} of the token's clients, so that the query model itself keeps
 * clients apart (a machine, a process or an IoA of another client is not found).
 */
public final class ThServer implements AutoCloseable {
    /** The file beside the store that names the server holding it (read by the CLI). */
    public static final String HOLDER_FILE = "th-serve.url";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final Path dataDir;
    private final DuckDbStore store;
    private final TH th;
    private final Tokens tokens;
    private final Object writes = new Object();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final List<Route> routes;
    private Javalin app;

    private ThServer(Path dataDir) throws SQLException {
        this.dataDir = dataDir;
        this.store = DuckDbStore.open(dataDir);
        this.th = TH.over(new DuckDbEngine(store.connection().unwrap(org.duckdb.DuckDBConnection.class).duplicate(), store.file()),
                Clock.systemUTC()).geoIp(dataDir.resolve(dev.th.geo.GeoIp.DIR_NAME));
        th.defaultPeriod(TimePeriod.all());
        this.tokens = new Tokens(dataDir);
        this.routes = table();
    }

    /** Opens the store of {@code dataDir} and starts serving on {@code bind:port} (port 0: any free one). */
    public static ThServer start(Path dataDir, String bind, int port) {
        try {
            ThServer s = new ThServer(dataDir);
            s.listen(bind, port);
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the store in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** The route table (what {@code /openapi.json} documents). */
    List<Route> routes() {
        return routes;
    }

    private List<Route> table() {
        List<Route> t = new ArrayList<>();
        t.add(new Route("GET", "/health", "Liveness: ok when the store answers", null, List.of(), ctx -> {
            th.clients();
            ctx.json(Map.of("status", "ok"));
        }));
        t.add(new Route("GET", "/metrics", "Request counts in Prometheus text format", null, List.of(), this::metrics));
        t.add(new Route("GET", "/openapi.json", "This API as OpenAPI 3.1, generated from the route table", null, List.of(),
                ctx -> ctx.json(OpenApi.of(routes))));
        t.add(new Route("GET", "/api/clients", "The token's clients", Role.READ, List.of(), ctx -> ctx.json(
                Map.of("total", token(ctx).clients().size(), "rows", token(ctx).clients()))));
        t.add(new Route("GET", "/api/machines", "Machines of the token's clients (q: name contains)", Role.READ,
                List.of("q", "offset", "limit"), this::machines));
        t.add(new Route("GET", "/api/machines/{machine}", "One machine by name or Muid", Role.READ, List.of(), ctx -> {
            Machine m = machine(ctx);
            ctx.json(machineRow(m));
        }));
        t.add(new Route("GET", "/api/machines/{machine}/executions", "get_executions of a machine", Role.READ,
                List.of("period", "command", "operation", "offset", "limit"), this::executions));
        t.add(new Route("GET", "/api/ioas", "IoAs of the token's clients (status: new, investigating, closed)", Role.READ,
                List.of("status", "period", "offset", "limit"), this::ioas));
        t.add(new Route("PATCH", "/api/ioas/{id}", "Sets an IoA's status and/or exclusion", Role.TRIAGE,
                List.of("status", "excluded"), this::setIoa));
        return List.copyOf(t);
    }

    private void listen(String bind, int port) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = 1_000_000L;
            cfg.requestLogger.http((ctx, ms) -> {
                String route = ctx.attribute("route");
                requests.computeIfAbsent(ctx.method() + " " + (route == null ? "unmatched" : route) + " " + ctx.statusCode(),
                        k -> new AtomicLong()).incrementAndGet();
                System.err.printf(Locale.ROOT, "%s %s %s %d %.1fms%n", Instant.now(), ctx.method(), ctx.path(), ctx.statusCode(), ms);
            });
        });
        for (Route r : routes) {
            app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> {
                ctx.attribute("route", r.path());
                if (r.role() != null) {
                    authorize(ctx, r);
                }
                r.handler().handle(ctx);
            });
        }
        app.exception(Problem.class, (e, ctx) -> problem(ctx, e.status, e.title, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, 400, "Bad request", e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            System.err.println("th serve: " + ctx.path() + ": " + e);
            problem(ctx, 500, "Server error", "the server failed on this request (see its log)");
        });
        app.error(404, ctx -> {
            if (!"application/problem+json".equals(ctx.res().getContentType())) {
                problem(ctx, 404, "Not found", "no route " + ctx.path() + " (see /openapi.json)");
            }
        });
        app.start(bind, port);
        try {
            Files.writeString(dataDir.resolve(HOLDER_FILE), "http://" + bind + ":" + port() + " pid "
                    + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            System.err.println("th serve: cannot write " + dataDir.resolve(HOLDER_FILE) + ": " + e.getMessage());
        }
    }

    private void authorize(Context ctx, Route r) {
        Tokens.Entry e = tokens.check(bearer(ctx)).orElseThrow(() -> new Problem(401, "Unauthorized",
                "give a live API token: Authorization: Bearer TOKEN (th token create --db DIR --client ID)"));
        if (!Role.parse(e.role()).allows(r.role())) {
            throw new Problem(403, "Forbidden", "this token's role " + e.role() + " may not: " + r.summary()
                    + " (needs " + r.role().name().toLowerCase(Locale.ROOT) + ")");
        }
        ctx.attribute("token", e);
    }

    private static void problem(Context ctx, int status, String title, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", "about:blank");
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        p.put("instance", ctx.path());
        try {
            ctx.status(status).contentType("application/problem+json").result(JSON.writeValueAsString(p));
        } catch (IOException e) {
            ctx.status(status).result(title);
        }
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
    }

    private static Tokens.Entry token(Context ctx) {
        return ctx.attribute("token");
    }

    private List<Client> clients(Context ctx) {
        List<Client> out = new ArrayList<>();
        for (String c : token(ctx).clients()) {
            out.add(th.client(c));
        }
        return out;
    }

    private Machine machine(Context ctx) {
        String name = ctx.pathParam("machine");
        for (Client c : clients(ctx)) {
            try {
                return c.machine(name);
            } catch (IllegalArgumentException notThere) {
                // the next client of the token
            }
        }
        throw Problem.notFound("no machine '" + name + "' in this token's clients " + token(ctx).clients());
    }

    private void machines(Context ctx) {
        String q = ctx.queryParam("q");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Client c : clients(ctx)) {
            for (Machine m : c.machines()) {
                if (q == null || m.name().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) {
                    rows.add(machineRow(m));
                }
            }
        }
        page(ctx, rows);
    }

    private static Map<String, Object> machineRow(Machine m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Muid", m.muid());
        r.put("MachineName", m.name());
        r.put("ClientId", m.clientId());
        r.put("FirstSeen", String.valueOf(m.firstSeen()));
        r.put("LastSeen", String.valueOf(m.lastSeen()));
        r.put("Events", m.eventCount());
        return r;
    }

    private void executions(Context ctx) {
        var q = machine(ctx).executions().period(ctx.queryParamAsClass("period", String.class).getOrDefault("all"));
        if (ctx.queryParam("command") != null) {
            q = q.command(ctx.queryParam("command"));
        }
        if (ctx.queryParam("operation") != null) {
            q = q.operation(ctx.queryParam("operation"));
        }
        page(ctx, rows(q.fetch()));
    }

    private void ioas(Context ctx) {
        String status = ctx.queryParam("status");
        String s = status == null ? null : IoaStatus.parse(status).name().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Client c : clients(ctx)) {
            Hits<IoA> h = c.ioas().period(ctx.queryParamAsClass("period", String.class).getOrDefault("all")).fetch();
            for (IoA a : h) {
                if (s == null || s.equalsIgnoreCase(a.status())) {
                    rows.add(plain(a.toMap()));
                }
            }
        }
        page(ctx, rows);
    }

    private void setIoa(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        String status = ctx.queryParam("status");
        String excluded = ctx.queryParam("excluded");
        if (status == null && excluded == null) {
            throw Problem.badRequest("nothing to set: give status (new, investigating, closed) and/or excluded (true, false)");
        }
        IoaStatus s = status == null ? null : IoaStatus.parse(status);
        if (excluded != null && !excluded.equals("true") && !excluded.equals("false")) {
            throw Problem.badRequest("excluded must be true or false, not '" + excluded + "'");
        }
        synchronized (writes) {
            IoaTable t = new IoaTable(store.connection());
            Ioa a = t.get(id);
            if (a == null || !token(ctx).clients().contains(a.clientId())) {
                throw Problem.notFound("no IoA with id " + id + " in this token's clients " + token(ctx).clients());
            }
            if (s != null) {
                t.setStatus(id, s);
            }
            if (excluded != null) {
                t.setExcluded(id, Boolean.parseBoolean(excluded));
            }
            Ioa after = t.get(id);
            ctx.json(Map.of("id", id, "status", after.status().toString().toLowerCase(Locale.ROOT), "excluded", after.excluded()));
        }
    }

    private static List<Map<String, Object>> rows(Hits<? extends Row> h) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : h) {
            out.add(plain(r.toMap()));
        }
        return out;
    }

    private static Map<String, Object> plain(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null || v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString()));
        return out;
    }

    private static void page(Context ctx, List<Map<String, Object>> rows) {
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        int from = (int) Math.min(rows.size(), (long) offset);
        int to = (int) Math.min(rows.size(), (long) from + limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", rows.size());
        body.put("offset", offset);
        body.put("limit", limit);
        body.put("rows", rows.subList(from, to));
        ctx.json(body);
    }

    private static int intParam(Context ctx, String name, int dflt, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0 || n > max) {
                throw Problem.badRequest(name + " must be between 0 and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw Problem.badRequest(name + " must be a whole number between 0 and " + max);
        }
    }

    private void metrics(Context ctx) {
        StringBuilder b = new StringBuilder("# HELP th_http_requests_total Requests answered, by route and status.\n"
                + "# TYPE th_http_requests_total counter\n");
        requests.forEach((k, v) -> {
            String[] p = k.split(" ", 3);
            b.append("th_http_requests_total{method=\"").append(p[0]).append("\",route=\"").append(p[1].replace("\"", ""))
                    .append("\",status=\"").append(p[2]).append("\"} ").append(v.get()).append('\n');
        });
        ctx.contentType("text/plain; version=0.0.4").result(b.toString());
    }

    /** Stops serving (letting requests in flight finish) and closes the store. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        try {
            Files.deleteIfExists(dataDir.resolve(HOLDER_FILE));
        } catch (IOException e) {
            System.err.println("th serve: cannot remove " + dataDir.resolve(HOLDER_FILE) + ": " + e.getMessage());
        }
        th.close();
        store.close();
    }
}
