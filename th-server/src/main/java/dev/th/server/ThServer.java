package dev.th.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.Ask;
import dev.th.Client;
import dev.th.Hits;
import dev.th.IoA;
import dev.th.Machine;
import dev.th.Prevalence;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.engine.duckdb.DuckDbEngine;
import dev.th.hunt.RuleSet;
import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaStatus;
import dev.th.hunt.ioa.RulePack;
import dev.th.store.DuckDbStore;
import dev.th.store.IoaTable;
import dev.th.views.Views;
import dev.th.views.report.Report;
import dev.th.views.report.ReportOptions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import org.duckdb.DuckDBConnection;

/**
 * {@code th serve}: one process holds the store (read-write) and answers the HTTP API of
 * {@link #routes()} and the web console ({@code /console/}). Questions run side by side, each on
 * a connection of a pool of duplicates of the store's connection ({@link Settings#readConnections});
 * writes are one at a time: uploads are ingested by the one writer thread ({@link Uploads}), IoA
 * changes go through a connection of their own under a lock. Every question is asked through
 * {@link TH#client} of the token's clients, so that the query model itself keeps clients apart (a
 * machine, a process or an IoA of another client is not found).
 */
public final class ThServer implements AutoCloseable {
    /** The file beside the store that names the server holding it (read by the CLI). */
    public static final String HOLDER_FILE = "th-serve.url";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How the server runs.
     *
     * @param readConnections questions answered at once (1: one after the other, as before the pool)
     * @param maxUploadBytes the largest upload taken
     * @param maxBodyBytes the largest other request body
     * @param cacheBytes the most the cache of answers holds (0: no cache)
     * @param queryMillis how long a question may run before its queries are cancelled (a 503)
     * @param tlsCert the PEM certificate chain to serve HTTPS with (null: plain HTTP)
     * @param tlsKey the PEM (PKCS#8) key of {@code tlsCert}
     */
    public record Settings(int readConnections, long maxUploadBytes, long maxBodyBytes, long cacheBytes, long queryMillis,
            Path tlsCert, Path tlsKey) {
        public static Settings defaults() {
            return new Settings(8, 2L << 30, 1_000_000L, 256L << 20, 60_000L, null, null);
        }

        /** These settings served over HTTPS with the PEM certificate chain {@code cert} and PKCS#8 key {@code key}. */
        public Settings tls(Path cert, Path key) {
            return new Settings(readConnections, maxUploadBytes, maxBodyBytes, cacheBytes, queryMillis, cert, key);
        }
    }

    private final Path dataDir;
    /** The store, or null when the server serves a lake (the Spark engine; docs/cluster.md). */
    private final DuckDbStore store;
    /** The store's pooled engine (null on a lake). */
    private final DuckDbEngine engine;
    /** What the questions run on: {@link #engine}, or the lake's engine. */
    private final QueryEngine queries;
    private final TH th;
    private final Tokens tokens;
    private final Sessions sessions;
    private final Uploads uploads;
    private final Connection ioaConnection;
    private final Object ioaWrites = new Object();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final List<Route> routes;
    private final Settings settings;
    private final ResponseCache cache;
    private final java.util.concurrent.ScheduledExecutorService limits = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "th-serve-limits");
                t.setDaemon(true);
                return t;
            });
    private Javalin app;

    private ThServer(Path dataDir, Settings settings) throws SQLException {
        this.dataDir = dataDir;
        this.settings = settings;
        this.cache = new ResponseCache(settings.cacheBytes());
        if (!Files.exists(dataDir.resolve(DuckDbStore.FILE_NAME)) && TH.isLake(dataDir)) {
            EngineProvider lake = EngineProvider.best(dataDir);
            if (lake == null) {
                throw new IllegalStateException(dataDir + " is a lake and th-spark is not on the class path (the th launcher adds it for a lake)");
            }
            this.store = null;
            this.engine = null;
            this.queries = lake.open(dataDir);
            this.ioaConnection = null;
            this.uploads = null;
        } else {
            this.store = DuckDbStore.open(dataDir);
            DuckDBConnection origin = store.connection().unwrap(DuckDBConnection.class);
            this.engine = DuckDbEngine.pooled(origin, store.file(), settings.readConnections());
            this.queries = engine;
            this.ioaConnection = origin.duplicate();
            this.uploads = new Uploads(dataDir, store, ThServer::rulePack, settings.maxUploadBytes(), cache::bump);
        }
        this.th = TH.over(queries, Clock.systemUTC()).geoIp(dataDir.resolve(dev.th.geo.GeoIp.DIR_NAME));
        th.defaultPeriod(TimePeriod.all());
        this.tokens = new Tokens(dataDir);
        this.sessions = new Sessions(tokens);
        this.routes = table();
    }

    private static volatile RuleSet pack;

    /** TH's own rule pack, read once: what {@code th ingest} hunts with by default. */
    private static RuleSet rulePack() {
        if (pack == null) {
            synchronized (ThServer.class) {
                if (pack == null) {
                    try {
                        pack = RuleSet.load(List.of(RulePack.materialize()));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("cannot unpack TH's rule pack: " + e.getMessage(), e);
                    }
                }
            }
        }
        return pack;
    }

    /** Opens the store of {@code dataDir} and starts serving on {@code bind:port} (port 0: any free one). */
    public static ThServer start(Path dataDir, String bind, int port) {
        return start(dataDir, bind, port, Settings.defaults());
    }

    /** {@link #start(Path, String, int)} with {@code settings}. */
    public static ThServer start(Path dataDir, String bind, int port, Settings settings) {
        try {
            ThServer s = new ThServer(dataDir, settings);
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

    /** {@code https} with {@code --tls-cert}, else {@code http}. */
    public String scheme() {
        return settings.tlsCert() != null ? "https" : "http";
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
        t.addAll(sessions.routes());
        t.add(new Route("GET", "/api/clients", "The token's clients", Role.READ, List.of(), ctx -> ctx.json(
                Map.of("total", token(ctx).clients().size(), "rows", token(ctx).clients()))));
        t.add(new Route("GET", "/api/machines", "Machines of the token's clients (q: name contains)", Role.READ,
                List.of("q", "offset", "limit"), this::machines));
        t.add(new Route("GET", "/api/machines/{machine}", "One machine by name or Muid", Role.READ, List.of(),
                ctx -> Answers.send(ctx, machine(ctx))));
        for (Questions.Question<Machine> q : Questions.MACHINE) {
            t.add(new Route("GET", "/api/machines/{machine}/" + q.name(), q.summary(), Role.READ, q.allParams(),
                    ctx -> Answers.send(ctx, q.call().apply(machine(ctx), params(ctx)))));
        }
        t.add(new Route("GET", "/api/machines/{machine}/timeline.html", "The machine's timeline (th-views page)", Role.READ,
                List.of("period"), ctx -> html(ctx, Views.timeline(machine(ctx), params(ctx).period()).html())));
        t.add(new Route("GET", "/api/processes", "get_processes of the token's clients", Role.READ,
                List.of("file", "user", "kind", "parent_kind", "period", "offset", "limit"), ctx -> pageOverClients(ctx, c -> Questions.processes(c.processes(), params(ctx)))));
        t.add(new Route("GET", "/api/processes/{guid}", "One process by its GUID", Role.READ, List.of(),
                ctx -> Answers.send(ctx, Answers.plain(process(ctx).toMap()))));
        for (Questions.Question<Process> q : Questions.PROCESS) {
            t.add(new Route("GET", "/api/processes/{guid}/" + q.name(), q.summary(), Role.READ, q.allParams(),
                    ctx -> Answers.send(ctx, q.call().apply(process(ctx), params(ctx)))));
        }
        t.add(new Route("GET", "/api/processes/{guid}/tree.html", "The process's execution tree with its machine's IoAs (th-views page)",
                Role.READ, List.of("period"), ctx -> {
                    Process p = process(ctx);
                    html(ctx, Views.tree(p.name() + " (pid " + p.pid() + ")", p.executionTree(params(ctx).period()),
                            Views.marksFor(p)).html());
                }));
        t.add(new Route("GET", "/api/users", "get_users of the token's clients", Role.READ,
                List.of("user", "period", "offset", "limit"), ctx -> pageOverClients(ctx, c -> Questions.users(c.users(), params(ctx)))));
        t.add(new Route("GET", "/api/files", "get_files of the token's clients", Role.READ,
                List.of("file", "user", "kind", "parent_kind", "operation", "attributes", "period", "offset", "limit"), ctx -> pageOverClients(ctx, c -> Questions.files(c.files(), params(ctx)))));
        t.add(new Route("GET", "/api/prevalence", "Prevalence in each of the token's clients of a file, IPs, a user or a command",
                Role.READ, List.of("file", "ip", "user", "command"), this::prevalence));
        t.add(new Route("GET", "/api/ioas", "IoAs of the token's clients (status: new, investigating, closed)", Role.READ,
                List.of("status", "period", "offset", "limit"), this::ioas));
        t.add(new Route("PATCH", "/api/ioas/{id}", "Sets an IoA's status and/or exclusion", Role.TRIAGE,
                List.of("status", "excluded"), this::setIoa));
        t.add(new Route("GET", "/api/reports/{machine}", "The incident report of one machine (th report, HTML)", Role.READ,
                List.of("period"), ctx -> {
                    Machine m = machine(ctx);
                    html(ctx, Report.build(queries, Clock.systemUTC(), new ReportOptions(null, m.muid(), params(ctx).period(),
                            20, 6, Views.geo())).html());
                }));
        t.add(new Route("POST", "/api/uploads", "Uploads a log (EVTX, JSON lines, XML, zip: the request body) to ingest for a client",
                Role.INGEST, List.of("client", "name"), this::upload));
        t.add(new Route("GET", "/api/uploads", "Upload jobs of the token's clients, newest first", Role.READ,
                List.of("offset", "limit"), ctx -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    writable("uploads");
                    uploads.list(token(ctx).clients()).forEach(j -> rows.add(j.toMap()));
                    Answers.page(ctx, rows);
                }));
        t.add(new Route("GET", "/api/uploads/{id}", "One upload job: state, progress, read = stored + rejected + duplicates",
                Role.READ, List.of(), ctx -> ctx.json(job(ctx).toMap())));
        return List.copyOf(t);
    }

    /**
     * One page of a question asked of each of the token's clients in turn (their answers one after
     * the other): each client's engine reads only the rows of the page that fall in its answer.
     */
    private void pageOverClients(Context ctx, java.util.function.Function<Client, Ask<?, ?>> question) {
        Questions.Params p = params(ctx);
        long skip = p.offset();
        int need = p.limit();
        long total = 0;
        String note = null;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Client c : clients(ctx)) {
            Ask<?, ?> a = question.apply(c).period(p.period());
            Hits<?> h = a.page((int) Math.min(skip, Integer.MAX_VALUE), need).fetch();
            rows.addAll(Answers.rows(h));
            need -= h.size();
            skip = Math.max(0, skip - h.total());
            total += h.total();
            note = note != null ? note : h.emptyBecause().orElse(h.note().orElse(null));
        }
        Answers.paged(ctx, rows, total, note);
    }

    private Questions.Params params(Context ctx) {
        String p = ctx.queryParam("period");
        return new Questions.Params(ctx, p == null || p.isBlank() ? TimePeriod.all() : TimePeriod.parse(p));
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private Process process(Context ctx) {
        String guid = ctx.pathParam("guid");
        String g = guid.trim().replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
        for (Client c : clients(ctx)) {
            Hits<Process> h = c.processes().guid(g).period(TimePeriod.all()).fetch();
            if (!h.isEmpty()) {
                return h.get(0);
            }
        }
        throw Problem.notFound("no process with GUID '" + guid + "' in this token's clients " + token(ctx).clients());
    }

    /** A lake is served read-only: what writes (uploads, IoA changes) says so in one line (a 501). */
    private void writable(String what) {
        if (store == null) {
            throw new Problem(501, "Not on a lake", "this server serves a lake (Spark): " + what + " need a DuckDB store;"
                    + " ingest with th lake ingest, set IoAs with th ioa set --db LAKE (docs/cluster.md)");
        }
    }

    private Uploads.Job job(Context ctx) {
        writable("uploads");
        Uploads.Job j = uploads.get(ctx.pathParam("id"), token(ctx).clients());
        if (j == null) {
            throw Problem.notFound("no upload " + ctx.pathParam("id") + " of this token's clients " + token(ctx).clients());
        }
        return j;
    }

    private void upload(Context ctx) throws IOException {
        writable("uploads");
        List<String> mine = token(ctx).clients();
        String client = ctx.queryParam("client");
        if (client == null) {
            if (mine.size() != 1) {
                throw Problem.badRequest("say which client the logs are of: client=ID, one of " + mine);
            }
            client = mine.get(0);
        } else if (!mine.contains(client)) {
            throw new Problem(403, "Forbidden", "this token may not upload for client '" + client + "'; its clients: " + mine);
        }
        long length = ctx.contentLength();
        if (length > uploads.maxBytes()) {
            throw new Problem(413, "Upload too large", "an upload may hold at most " + uploads.maxBytes()
                    + " bytes (th serve --max-upload-mb); this one declares " + length);
        }
        Uploads.Job j = uploads.receive(client, ctx.queryParam("name"), ctx.req().getInputStream());
        ctx.status(202).header("Location", "/api/uploads/" + j.id).json(j.toMap());
    }

    private void prevalence(Context ctx) {
        Questions.Params p = params(ctx);
        List<String> given = new ArrayList<>();
        for (String k : List.of("file", "ip", "user", "command")) {
            if (p.text(k) != null) {
                given.add(k);
            }
        }
        if (given.size() != 1) {
            throw Problem.badRequest("give exactly one of file, ip, user, command (given: " + given + ")");
        }
        String k = given.get(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Client c : clients(ctx)) {
            Prevalence v = switch (k) {
                case "file" -> c.prevalenceOfFile(p.text(k));
                case "ip" -> c.prevalenceOfIp(p.list(k));
                case "user" -> c.prevalenceOfUser(p.text(k));
                default -> c.prevalenceOfCommand(p.text(k));
            };
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ClientId", c.id());
            row.putAll(Answers.plain(v.toMap()));
            rows.add(row);
        }
        Answers.page(ctx, rows);
    }

    private void listen(String bind, int port) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = settings.maxBodyBytes();
            cfg.http.generateEtags = true;
            if (settings.tlsCert() != null) {
                java.security.KeyStore keys = Tls.keyStore(settings.tlsCert(), settings.tlsKey());
                cfg.jetty.addConnector((server, http) -> {
                    org.eclipse.jetty.util.ssl.SslContextFactory.Server ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                    ssl.setKeyStore(keys);
                    ssl.setKeyStorePassword(new String(Tls.PASSWORD));
                    org.eclipse.jetty.server.HttpConfiguration https = new org.eclipse.jetty.server.HttpConfiguration(http);
                    org.eclipse.jetty.server.SecureRequestCustomizer secure = new org.eclipse.jetty.server.SecureRequestCustomizer();
                    secure.setSniHostCheck(false); // a certificate for a name, asked by address (127.0.0.1) is still served
                    https.addCustomizer(secure);
                    org.eclipse.jetty.server.ServerConnector c = new org.eclipse.jetty.server.ServerConnector(server,
                            new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                            new org.eclipse.jetty.server.HttpConnectionFactory(https));
                    c.setHost(bind);
                    c.setPort(port);
                    return c;
                });
            }
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/console";
                sf.directory = "/dev/th/server/console";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'");
            });
            cfg.requestLogger.http((ctx, ms) -> {
                String route = ctx.attribute("route");
                requests.computeIfAbsent(ctx.method() + " " + (route == null ? "unmatched" : route) + " " + ctx.statusCode(),
                        k -> new AtomicLong()).incrementAndGet();
                System.err.printf(Locale.ROOT, "%s %s %s %d %.1fms%n", Instant.now(), ctx.method(), ctx.path(), ctx.statusCode(), ms);
            });
        });
        app.get("/", ctx -> ctx.redirect("/console/"));
        for (Route r : routes) {
            app.addHttpHandler(HandlerType.valueOf(r.method()), r.path(), ctx -> {
                ctx.attribute("route", r.path());
                for (String q : ctx.queryParamMap().keySet()) {
                    if (!r.params().contains(q)) {
                        throw Problem.badRequest(r.method() + " " + r.path() + " takes no parameter '" + shorten(q) + "'"
                                + (r.params().isEmpty() ? "" : "; its parameters: " + String.join(", ", r.params())));
                    }
                }
                if (r.role() != null) {
                    authorize(ctx, r);
                }
                answer(ctx, r);
            });
        }
        app.exception(Problem.class, (e, ctx) -> problem(ctx, e.status, e.title, e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> problem(ctx, 400, "Bad request", e.getMessage()));
        // a question this store's engine cannot answer (the Spark engine computes no logon sessions yet): say why
        app.exception(UnsupportedOperationException.class, (e, ctx) -> problem(ctx, 501, "Not answered here", e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            System.err.println("th serve: " + ctx.path() + ": " + e);
            problem(ctx, 500, "Server error", "the server failed on this request (see its log)");
        });
        app.error(404, ctx -> {
            if (!"application/problem+json".equals(ctx.res().getContentType())) {
                problem(ctx, 404, "Not found", "no route " + ctx.path() + " (see /openapi.json)");
            }
        });
        app.error(413, ctx -> {
            if (!"application/problem+json".equals(ctx.res().getContentType())) {
                problem(ctx, 413, "Request too large", "a request body may hold at most " + settings.maxBodyBytes() + " bytes");
            }
        });
        app.start(bind, port);
        try {
            Files.writeString(dataDir.resolve(HOLDER_FILE), scheme() + "://" + bind + ":" + port() + " pid "
                    + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            System.err.println("th serve: cannot write " + dataDir.resolve(HOLDER_FILE) + ": " + e.getMessage());
        }
    }

    /**
     * Answers {@code ctx} by {@code r}: a question of role read is answered from the cache when the
     * same token's clients asked it at this generation of the store ({@code X-Cache: hit}), else
     * computed and kept ({@code X-Cache: miss}). Sessions and upload jobs change without a write, so
     * they are always computed.
     */
    private void answer(Context ctx, Route r) throws Exception {
        if (!cacheable(r)) {
            limited(ctx, r);
            return;
        }
        String q = ctx.queryString();
        String key = cache.key(String.join(",", token(ctx).clients()), ctx.path() + (q == null ? "" : "?" + q));
        ResponseCache.Answer a = cache.get(key);
        if (a != null) {
            ctx.header("X-Cache", "hit").contentType(a.contentType()).result(a.body());
            return;
        }
        ctx.header("X-Cache", "miss");
        limited(ctx, r);
        java.io.InputStream in = ctx.resultInputStream();
        if (ctx.statusCode() == 200 && in != null) {
            byte[] body = in.readAllBytes();
            ctx.result(body);
            cache.put(key, new ResponseCache.Answer(body, ctx.res().getContentType()));
        }
    }

    /**
     * Runs {@code r} for a GET within {@link Settings#queryMillis}: past it, the queries of this
     * request are cancelled in DuckDB and the answer is a 503 saying so (nothing partial is sent
     * or cached).
     */
    private void limited(Context ctx, Route r) throws Exception {
        if (!r.method().equals("GET")) {
            r.handler().handle(ctx);
            return;
        }
        Thread me = Thread.currentThread();
        boolean[] state = new boolean[2]; // done, over
        java.util.concurrent.ScheduledFuture<?> watch = limits.schedule(() -> {
            synchronized (state) {
                if (!state[0]) {
                    state[1] = true;
                    if (engine != null) { // a Spark question on a lake runs to its end (not cancelled yet)
                        engine.cancel(me);
                    }
                }
            }
        }, settings.queryMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            r.handler().handle(ctx);
        } catch (RuntimeException e) {
            if (!over(state)) {
                throw e;
            }
        } finally {
            synchronized (state) {
                state[0] = true;
            }
            watch.cancel(false);
            if (engine != null) {
                engine.resume();
            }
        }
        if (over(state)) {
            ctx.result(new byte[0]);
            throw new Problem(503, "Question took too long", "it ran past this server's limit of " + settings.queryMillis()
                    + " ms (th serve --query-seconds) and was cancelled: narrow its period or filters, or ask a smaller page");
        }
    }

    private static boolean over(boolean[] state) {
        synchronized (state) {
            return state[1];
        }
    }

    private static boolean cacheable(Route r) {
        return r.method().equals("GET") && r.role() == Role.READ && !r.path().startsWith("/api/session")
                && !r.path().startsWith("/api/uploads");
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    private void authorize(Context ctx, Route r) {
        String bearer = bearer(ctx);
        String cookie = bearer == null ? ctx.cookie(Sessions.COOKIE) : null;
        Tokens.Entry e = tokens.check(bearer != null ? bearer : cookie).orElseThrow(() -> new Problem(401, "Unauthorized",
                "give a live API token: Authorization: Bearer TOKEN (th token create --db DIR --client ID), or sign in at /console/"));
        if (cookie != null && !r.method().equals("GET")) {
            sessions.checkCsrf(ctx, cookie);
        }
        if (!Role.parse(e.role()).allows(r.role())) {
            throw new Problem(403, "Forbidden", "this token's role " + e.role() + " may not: " + r.summary()
                    + " (needs " + r.role().name().toLowerCase(Locale.ROOT) + ")");
        }
        ctx.attribute("token", e);
    }

    static void problem(Context ctx, int status, String title, String detail) {
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

    static Tokens.Entry token(Context ctx) {
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
                    rows.add(Answers.machine(m));
                }
            }
        }
        Answers.page(ctx, rows);
    }

    private void ioas(Context ctx) {
        String status = ctx.queryParam("status");
        String s = status == null ? null : IoaStatus.parse(status).name().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Client c : clients(ctx)) {
            Hits<IoA> h = c.ioas().period(params(ctx).period()).fetch();
            for (IoA a : h) {
                if (s == null || s.equalsIgnoreCase(a.status())) {
                    rows.add(Answers.plain(a.toMap()));
                }
            }
        }
        Answers.page(ctx, rows);
    }

    private void setIoa(Context ctx) throws SQLException {
        writable("IoA changes");
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
        synchronized (ioaWrites) {
            try {
                changeIoa(ctx, id, s, excluded);
                cache.bump();
            } catch (SQLException e) {
                if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("conflict")) {
                    // the ingest running on the writer thread changed the same IoA rows: the store kept its version
                    throw new Problem(409, "Conflict", "the IoA was being changed by an ingest at the same moment: send the change again");
                }
                throw e;
            }
        }
    }

    private void changeIoa(Context ctx, String id, IoaStatus s, String excluded) throws SQLException {
        IoaTable t = new IoaTable(ioaConnection);
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

    private void metrics(Context ctx) {
        StringBuilder b = new StringBuilder("# HELP th_http_requests_total Requests answered, by route and status.\n"
                + "# TYPE th_http_requests_total counter\n");
        requests.forEach((k, v) -> {
            String[] p = k.split(" ", 3);
            b.append("th_http_requests_total{method=\"").append(p[0]).append("\",route=\"").append(p[1].replace("\"", ""))
                    .append("\",status=\"").append(p[2]).append("\"} ").append(v.get()).append('\n');
        });
        b.append("# HELP th_read_connections Questions the server answers at once.\n# TYPE th_read_connections gauge\n")
                .append("th_read_connections ").append(engine == null ? 1 : engine.connections()).append('\n')
                .append("# HELP th_cache_hits_total Questions answered from the cache.\n# TYPE th_cache_hits_total counter\n")
                .append("th_cache_hits_total ").append(cache.hits()).append('\n')
                .append("# HELP th_cache_misses_total Questions computed (not in the cache).\n# TYPE th_cache_misses_total counter\n")
                .append("th_cache_misses_total ").append(cache.misses()).append('\n')
                .append("# HELP th_store_generation Writes the server made to the store since it started.\n"
                        + "# TYPE th_store_generation counter\n")
                .append("th_store_generation ").append(cache.generation()).append('\n');
        ctx.contentType("text/plain; version=0.0.4").result(b.toString());
    }

    /** Stops serving (letting requests in flight finish), lets the ingest jobs finish, and closes the store. */
    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
        if (uploads != null) {
            uploads.close();
        }
        limits.shutdownNow();
        try {
            Files.deleteIfExists(dataDir.resolve(HOLDER_FILE));
        } catch (IOException e) {
            System.err.println("th serve: cannot remove " + dataDir.resolve(HOLDER_FILE) + ": " + e.getMessage());
        }
        try {
            if (ioaConnection != null) {
                ioaConnection.close();
            }
        } catch (SQLException e) {
            System.err.println("th serve: cannot close the IoA connection: " + e.getMessage());
        }
        th.close();
        if (store != null) {
            store.close();
        }
    }
}
