package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code th serve} on a random port over a real store of two clients: acme holds the
 * samples' comsvcs log, beta the PurpleSharp one (both shipped in the checkout's samples/).
 * Expected figures are counted by SQL on the store before the server opens it.
 */
class ThServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path tmp;
    static Path dir;
    static ThServer server;
    static String acmeTriage;
    static String betaRead;
    static long acmeMachines;
    static long acmeIoas;
    static String betaMuid;
    static String betaName;
    static String betaIoa;
    static String acmeIoa;
    static Set<String> acmeNames = new HashSet<>();

    @BeforeAll
    static void storeOfTwoClients() throws Exception {
        Path samples = samples();
        dir = tmp.resolve("store");
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        ingest(pack, "acme", samples.resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        ingest(pack, "beta", samples.resolve("json/purplesharp_pe_injection_createremotethread.zip"));
        try (DuckDbStore store = DuckDbStore.open(dir); Statement st = store.connection().createStatement()) {
            acmeMachines = one(st, "SELECT count(DISTINCT Muid) FROM events WHERE ClientId = 'acme'");
            acmeIoas = one(st, "SELECT count(*) FROM ioas WHERE clientId = 'acme' AND NOT excluded");
            try (ResultSet rs = st.executeQuery("SELECT Muid, MachineName FROM events WHERE ClientId = 'beta' LIMIT 1")) {
                rs.next();
                betaMuid = rs.getString(1);
                betaName = rs.getString(2);
            }
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT MachineName FROM events WHERE ClientId = 'acme'")) {
                while (rs.next()) {
                    acmeNames.add(rs.getString(1));
                }
            }
            betaIoa = text(st, "SELECT id FROM ioas WHERE clientId = 'beta' ORDER BY id LIMIT 1");
            acmeIoa = text(st, "SELECT id FROM ioas WHERE clientId = 'acme' ORDER BY id LIMIT 1");
        }
        assertTrue(acmeMachines > 0 && acmeIoas > 0 && betaIoa != null, "both clients have machines and IoAs");
        Tokens tokens = new Tokens(dir);
        acmeTriage = tokens.create(List.of("acme"), "triage", Tokens.DEFAULT_LIFETIME);
        betaRead = tokens.create(List.of("beta"), "read", Tokens.DEFAULT_LIFETIME);
        server = ThServer.start(dir, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void tokensAreStoredHashedOnly() throws Exception {
        String file = Files.readString(dir.resolve("tokens.json"));
        assertFalse(file.contains(acmeTriage.substring(3)), "the token text is not in tokens.json");
        assertTrue(file.contains(Tokens.hash(acmeTriage)));
    }

    @Test
    void healthMetricsAndOpenApiFromTheRouteTable() throws Exception {
        assertEquals(200, get("/health", null).statusCode());
        JsonNode doc = JSON.readTree(get("/openapi.json", null).body());
        assertEquals("3.1.0", doc.path("openapi").asText());
        Set<String> documented = new HashSet<>();
        doc.path("paths").fieldNames().forEachRemaining(documented::add);
        Set<String> served = new HashSet<>();
        server.routes().forEach(r -> served.add(r.path()));
        assertEquals(served, documented);
        get("/api/machines", acmeTriage);
        String metrics = get("/metrics", null).body();
        assertTrue(metrics.contains("th_http_requests_total{method=\"GET\",route=\"/api/machines\",status=\"200\"}"), metrics);
    }

    @Test
    void machinesAndIoasOfTheTokensClientWithTotals() throws Exception {
        JsonNode m = JSON.readTree(get("/api/machines", acmeTriage).body());
        assertEquals(acmeMachines, m.path("total").asLong());
        JsonNode page = JSON.readTree(get("/api/ioas?limit=1", acmeTriage).body());
        assertEquals(acmeIoas, page.path("total").asLong());
        assertEquals(1, page.path("rows").size());
    }

    @Test
    void aTokenOfOneClientNeverSeesTheOther() throws Exception {
        // every route of the table, its path parameters filled with beta's values
        int asked = 0;
        for (Route r : server.routes()) {
            if (r.role() == null) {
                continue;
            }
            for (String path : filled(r.path())) {
                HttpResponse<String> res = r.method().equals("GET") ? get(path, acmeTriage) : patch(path + "?status=closed", acmeTriage);
                asked++;
                // the asked value echoed back in the problem's detail and instance is no leak
                String body = res.body();
                for (String value : List.of(betaMuid, betaIoa, betaName)) {
                    if (path.contains(enc(value))) {
                        body = body.replace(value, "ASKED");
                    }
                }
                assertFalse(body.contains("\"beta\""), r.path() + " leaks beta: " + body);
                assertFalse(body.contains(betaMuid), r.path() + " leaks beta's Muid: " + body);
                assertFalse(body.contains(betaIoa), r.path() + " leaks beta's IoA: " + body);
                if (path.contains("/" + enc(betaName)) && acmeNames.contains(betaName)) {
                    // the same name in both clients (the samples are both of WORKSTATION5): acme's own machine
                    assertEquals(200, res.statusCode(), path);
                    assertTrue(res.body().contains("\"acme\""), res.body());
                } else if (r.path().contains("{")) {
                    assertEquals(404, res.statusCode(), path);
                    assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""));
                }
            }
        }
        assertTrue(asked >= 6, "routes asked: " + asked);
        JsonNode b = JSON.readTree(get("/api/ioas?status=closed", betaRead).body());
        assertEquals(0, b.path("total").asLong(), "acme's PATCH did not close beta's IoA");
    }

    @Test
    void hostileParametersGetProblemJson() throws Exception {
        List<String> bad = List.of("/api/machines?limit=-1", "/api/machines?limit=abc", "/api/machines?offset=99999999999",
                "/api/ioas?status=" + enc("' OR 1=1 --"), "/api/machines/" + enc("../../etc/passwd") + "/executions",
                "/api/machines/" + enc("x'; DROP TABLE events; --"), "/api/ioas?period=" + enc("'; DROP TABLE ioas; --"),
                "/api/machines?limit=" + "9".repeat(5000), "/api/nothing-here");
        for (String p : bad) {
            HttpResponse<String> res = get(p, acmeTriage);
            assertTrue(res.statusCode() >= 400 && res.statusCode() < 500, p + " -> " + res.statusCode());
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), p);
            assertFalse(res.body().contains("SQL") || res.body().contains("Exception"), p + " leaks internals: " + res.body());
        }
        assertEquals(401, get("/api/machines", null).statusCode());
        assertEquals(401, get("/api/machines", "th_0000").statusCode());
        assertEquals(403, patch("/api/ioas/" + betaIoa + "?status=closed", betaRead).statusCode(), "read may not triage");
        assertEquals(acmeMachines, JSON.readTree(get("/api/machines", acmeTriage).body()).path("total").asLong(),
                "the store still answers after the hostile requests");
    }

    @Test
    void anIoaStatusChangePersistsAfterARestart() throws Exception {
        HttpResponse<String> res = patch("/api/ioas/" + acmeIoa + "?status=investigating", acmeTriage);
        assertEquals(200, res.statusCode(), res.body());
        server.close();
        server = ThServer.start(dir, "127.0.0.1", 0);
        JsonNode page = JSON.readTree(get("/api/ioas?status=investigating", acmeTriage).body());
        List<String> ids = new ArrayList<>();
        page.path("rows").forEach(r -> ids.add(r.path("id").asText()));
        assertTrue(ids.contains(acmeIoa), "after restart: " + ids);
    }

    private static List<String> filled(String path) {
        if (!path.contains("{")) {
            return List.of(path);
        }
        List<String> out = new ArrayList<>();
        for (String v : path.contains("{machine}") ? List.of(betaName, betaMuid) : List.of(betaIoa)) {
            out.add(path.replaceAll("\\{[^}]+}", enc(v)));
        }
        return out;
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET(), token);
    }

    private static HttpResponse<String> patch(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void ingest(RuleSet pack, String client, Path input) throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, client)) {
            IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
            ingest.run(List.of(input), new Sources(), Readers.defaults());
            hunting.finish();
        }
    }

    private static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples/json"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/ of the checkout not found from " + Path.of("").toAbsolutePath());
    }
}
