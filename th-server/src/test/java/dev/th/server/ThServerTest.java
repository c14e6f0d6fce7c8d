package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.store.DuckDbStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.th.testing.SharedData;

/**
 * A real {@code th serve} on a random port over a real store of two clients: acme holds the
 * samples' comsvcs log, beta the PurpleSharp one (both shipped in the checkout's samples/).
 * Expected figures are counted by SQL on the store before the server opens it.
 */
class ThServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    static String betaGuid;
    static String acmeGuid;
    static Set<String> acmeNames = new HashSet<>();

    @BeforeAll
    static void storeOfTwoClients() throws Exception {
        Path samples = TestStores.samples();
        dir = tmp.resolve("store");
        TestStores.ingest(dir, "acme", samples.resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        TestStores.ingest(dir, "beta", samples.resolve("json/purplesharp_pe_injection_createremotethread.zip"));
        try (DuckDbStore store = DuckDbStore.open(dir); Statement st = store.connection().createStatement()) {
            acmeMachines = TestStores.one(st, "SELECT count(DISTINCT Muid) FROM events WHERE ClientId = 'acme'");
            acmeIoas = TestStores.one(st, "SELECT count(*) FROM ioas WHERE clientId = 'acme' AND NOT excluded");
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
            betaIoa = TestStores.text(st, "SELECT id FROM ioas WHERE clientId = 'beta' ORDER BY id LIMIT 1");
            betaGuid = TestStores.text(st, "SELECT ChildGuid FROM events WHERE ClientId = 'beta' AND ChildGuid IS NOT NULL AND EventId = 1 LIMIT 1");
            acmeGuid = TestStores.text(st, "SELECT ChildGuid FROM events WHERE ClientId = 'acme' AND ChildGuid IS NOT NULL AND EventId = 1 LIMIT 1");
            acmeIoa = TestStores.text(st, "SELECT id FROM ioas WHERE clientId = 'acme' ORDER BY id LIMIT 1");
        }
        assertTrue(acmeMachines > 0 && acmeIoas > 0 && betaIoa != null && betaGuid != null && acmeGuid != null,
                "both clients have machines, processes and IoAs");
        Tokens tokens = new Tokens(dir);
        acmeTriage = tokens.create(List.of("acme"), "triage", Tokens.DEFAULT_LIFETIME);
        betaRead = tokens.create(List.of("beta"), "read", Tokens.DEFAULT_LIFETIME);
        server = ThServer.start(dir, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        System.out.println("ThServerTest: " + attacks.get() + " attack requests (other clients' values and tokens, SQL"
                + " metacharacters, traversal, oversized), 0 leaks");
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
                HttpResponse<String> res = switch (r.method()) {
                    case "GET" -> get(path, acmeTriage);
                    case "PATCH" -> patch(path + "?status=closed", acmeTriage);
                    case "POST" -> TestStores.post(server, path + "?client=beta&name=x.json", acmeTriage,
                            TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
                    default -> TestStores.send(server, r.method(), path, acmeTriage);
                };
                asked++;
                // the asked value echoed back in the problem's detail and instance is no leak
                String body = res.body();
                for (String value : List.of(betaMuid, betaIoa, betaName, betaGuid)) {
                    if (path.contains(enc(value))) {
                        body = body.replace(value, "ASKED");
                    }
                }
                assertFalse(body.contains("\"beta\""), r.path() + " leaks beta: " + body);
                assertFalse(body.contains(betaMuid), r.path() + " leaks beta's Muid: " + body);
                assertFalse(body.contains(betaIoa), r.path() + " leaks beta's IoA: " + body);
                assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains(betaGuid.toLowerCase(java.util.Locale.ROOT)),
                        r.path() + " leaks beta's process: " + body);
                if (path.contains("/" + enc(betaName)) && acmeNames.contains(betaName)) {
                    // the same name in both clients (the samples are both of WORKSTATION5): acme's own machine
                    assertEquals(200, res.statusCode(), path + " " + res.body());
                    if (r.path().equals("/api/machines/{machine}")) {
                        assertTrue(res.body().contains("\"acme\""), res.body());
                    }
                } else if (r.path().contains("{")) {
                    assertEquals(404, res.statusCode(), path);
                    assertEquals("application/problem+json", res.headers().firstValue("Content-Type").orElse(""));
                } else if (r.method().equals("POST")) {
                    assertEquals(403, res.statusCode(), path + " " + res.body());
                }
            }
        }
        assertTrue(asked >= 40, "routes asked: " + asked);
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

    @Test
    void getAnswersCarryAnEtagAndAnswer304WhenUnchanged() throws Exception {
        HttpResponse<String> first = get("/api/machines", acmeTriage);
        String etag = first.headers().firstValue("ETag").orElse(null);
        assertTrue(etag != null && !etag.isBlank(), "an ETag on " + first.headers().map());
        HttpResponse<String> again = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/machines"))
                .header("If-None-Match", etag).GET(), acmeTriage);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        HttpResponse<String> other = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/machines?q=zz"))
                .header("If-None-Match", etag).GET(), acmeTriage);
        assertEquals(200, other.statusCode(), "another answer is not the ETag's");
    }

    @Test
    void pagesCutByTheEngineAddUpToTheWholeAnswer() throws Exception {
        String name = enc(acmeNames.iterator().next());
        String method = null;
        JsonNode all = null;
        for (String m : List.of("files", "registry", "executions", "logons")) { // the first with a few rows
            all = JSON.readTree(get("/api/machines/" + name + "/" + m + "?period=all&limit=1000", acmeTriage).body());
            method = m;
            if (all.path("total").asLong() > 3) {
                break;
            }
        }
        long total = all.path("total").asLong();
        assertTrue(total > 3 && total <= 1000, method + " of the machine: " + total);
        assertEquals(total, all.path("rows").size(), "the whole answer in one page");
        for (int offset : new int[] {0, 1, (int) total - 2}) {
            JsonNode page = JSON.readTree(get("/api/machines/" + name + "/" + method + "?period=all&limit=2&offset=" + offset, acmeTriage).body());
            assertEquals(total, page.path("total").asLong(), "the total of a page is the whole answer's");
            assertEquals(2, page.path("rows").size());
            for (int i = 0; i < 2; i++) {
                assertEquals(all.path("rows").get(offset + i), page.path("rows").get(i), "row " + (offset + i));
            }
        }
        JsonNode past = JSON.readTree(get("/api/machines/" + name + "/" + method + "?period=all&offset=" + total, acmeTriage).body());
        assertEquals(total, past.path("total").asLong());
        assertEquals(0, past.path("rows").size());
        JsonNode files = JSON.readTree(get("/api/files?period=all&limit=1000", acmeTriage).body());
        JsonNode cut = JSON.readTree(get("/api/files?period=all&limit=1&offset=1", acmeTriage).body());
        assertTrue(files.path("total").asLong() >= 2, files.toString());
        assertEquals(files.path("total").asLong(), cut.path("total").asLong());
        assertEquals(files.path("rows").get(1), cut.path("rows").get(0));
    }

    @Test
    void answersComeFromTheCacheUntilTheStoreIsWritten() throws Exception {
        String q = "/api/ioas?status=investigating&limit=1000";
        get(q, acmeTriage);
        HttpResponse<String> kept = get(q, acmeTriage);
        assertEquals("hit", kept.headers().firstValue("X-Cache").orElse(""), "asked twice, unchanged");
        assertEquals("miss", get(q, betaRead).headers().firstValue("X-Cache").orElse(""), "another token's clients: computed");
        assertEquals(200, patch("/api/ioas/" + acmeIoa + "?status=investigating", acmeTriage).statusCode());
        HttpResponse<String> after = get(q, acmeTriage);
        assertEquals("miss", after.headers().firstValue("X-Cache").orElse(""), "the IoA change made the kept answer stale");
        assertTrue(after.body().contains(acmeIoa), "the change is seen: " + after.body());
        String metrics = get("/metrics", null).body();
        assertTrue(metrics.matches("(?s).*th_cache_hits_total [1-9].*"), metrics);
    }

    @Test
    void aParameterARouteDoesNotTakeIsAProblemNamingTheOnesItTakes() throws Exception {
        HttpResponse<String> res = get("/api/machines?limt=5", acmeTriage);
        assertEquals(400, res.statusCode());
        JsonNode p = JSON.readTree(res.body());
        assertTrue(p.path("detail").asText().contains("'limt'") && p.path("detail").asText().contains("limit"), res.body());
    }

    @Test
    void seedMethodsOfAMachineAndAProcessAnswerWhatTheLogsHold() throws Exception {
        // the comsvcs zip holds 1 Sysmon 1 and 1 Security 4688 (reference-counts.json): one or two process
        // creations (the two records of one process are joined into one row)
        JsonNode ref = JSON.readTree(SharedData.require("reference-counts.json").toFile())
                .path("otrf_json_zips").path("otrf/psh_lsass_memory_dump_comsvcs.zip").path("members").get(0).path("by_channel_eventid");
        long sysmon = ref.path("Microsoft-Windows-Sysmon/Operational|1").asLong();
        long security = ref.path("Security|4688").asLong();
        long total = 0;
        for (String name : acmeNames) {
            JsonNode page = JSON.readTree(get("/api/machines/" + enc(name) + "/executions?operation=create&period=all", acmeTriage).body());
            total += page.path("total").asLong();
        }
        assertTrue(total >= Math.max(sysmon, security) && total <= sysmon + security, "creations: " + total);
        long creations = total;
        JsonNode hist = JSON.readTree(get("/api/machines/" + enc(acmeNames.iterator().next())
                + "/executions?operation=create&histogram=day", acmeTriage).body());
        long counted = 0;
        for (JsonNode b : hist.path("rows")) {
            counted += b.path("Count").asLong(b.path("count").asLong());
        }
        assertEquals(creations, counted, hist.toString());
        HttpResponse<String> p = get("/api/processes/" + enc(acmeGuid), acmeTriage);
        assertEquals(200, p.statusCode(), p.body());
        assertEquals(acmeGuid.toLowerCase(java.util.Locale.ROOT), JSON.readTree(p.body()).path("ChildGuid").asText().toLowerCase(java.util.Locale.ROOT));
        JsonNode tree = JSON.readTree(get("/api/processes/" + enc(acmeGuid) + "/execution_tree", acmeTriage).body());
        assertTrue(tree.path("total").asLong() >= 1, tree.toString());
        HttpResponse<String> page = get("/api/processes/" + enc(acmeGuid) + "/tree.html", acmeTriage);
        assertTrue(page.body().startsWith("<!DOCTYPE html>") && page.body().contains("echarts"), "a th-views page");
    }

    /** SQL metacharacters and injections, each sent as the value of every parameter of every route. */
    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "'; DROP TABLE events; --", "%", "_", "\\",
            "x' UNION SELECT ClientId FROM events --");
    /** Requests the attacks below sent, and the leaks they found (every one asserted to be 0). */
    private static final java.util.concurrent.atomic.AtomicInteger attacks = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Asks {@code path} and checks the answer leaks nothing: no 5xx, no internals (SQL, exception
     * names, the store's folder), and none of {@code others} (another client's values), once the
     * values the request itself carried are taken out of it (a problem may echo what was asked).
     */
    private static HttpResponse<String> attack(String method, String path, String token, List<String> others) throws Exception {
        HttpResponse<String> res = method.equals("GET") ? get(path, token) : TestStores.send(server, method, path, token);
        attacks.incrementAndGet();
        String body = res.body();
        String decoded = java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        for (String v : others) {
            if (decoded.contains(v)) {
                body = body.replace(v, "ASKED");
            }
        }
        assertTrue(res.statusCode() < 500, method + " " + path + " -> " + res.statusCode() + " " + body);
        boolean page = res.headers().firstValue("Content-Type").orElse("").startsWith("text/html"); // the pages carry ECharts' code
        assertFalse(!page && (body.contains("SQL") || body.contains("Exception") || body.contains("duckdb")) || body.contains(dir.toString()),
                method + " " + path + " leaks internals: " + body);
        for (String v : others) {
            assertFalse(body.toLowerCase(java.util.Locale.ROOT).contains(v.toLowerCase(java.util.Locale.ROOT)),
                    method + " " + path + " leaks another client's '" + v + "': " + body);
        }
        return res;
    }

    /** A route's path with its path parameters filled with acme's values (an IoA, a process, a machine). */
    private static String acmePath(String path) {
        return path.replace("{machine}", enc(acmeNames.iterator().next())).replace("{guid}", enc(acmeGuid))
                .replace("{id}", enc(acmeIoa));
    }

    @Test
    void betasTokenAskingEveryRouteWithAcmesValuesSeesNothingOfAcme() throws Exception {
        String betaTriage = new Tokens(dir).create(List.of("beta"), "triage", Tokens.DEFAULT_LIFETIME);
        List<String> acme = new ArrayList<>(List.of(acmeIoa, acmeGuid, "\"acme\""));
        int before = attacks.get();
        for (Route r : server.routes()) {
            if (r.role() == null || r.method().equals("POST")) {
                continue;
            }
            String path = acmePath(r.path()) + (r.method().equals("PATCH") ? "?status=closed" : "");
            HttpResponse<String> res = attack(r.method(), path, betaTriage, acme);
            if (r.path().contains("{guid}") || r.path().contains("{id}")) {
                assertEquals(404, res.statusCode(), path + " " + res.body());
            }
        }
        assertTrue(attacks.get() - before >= 35, "routes asked: " + (attacks.get() - before));
        JsonNode a = JSON.readTree(get("/api/ioas?status=closed&limit=1000", acmeTriage).body());
        for (JsonNode row : a.path("rows")) {
            assertFalse(row.path("id").asText().equals(acmeIoa), "beta's PATCH did not close acme's IoA");
        }
    }

    @Test
    void sqlMetacharactersInEveryParameterOfEveryRoute() throws Exception {
        List<String> beta = List.of(betaMuid, betaIoa, betaGuid, "\"beta\"");
        int before = attacks.get();
        for (Route r : server.routes()) {
            if (r.role() == null || r.method().equals("POST")) {
                continue; // uploads: below, with names
            }
            String base = acmePath(r.path());
            long whole = total(base + (r.params().contains("period") ? "?period=all" : ""));
            for (String param : r.params()) {
                for (String value : INJECTIONS) {
                    String q = "?" + param + "=" + enc(value) + (r.params().contains("period") && !param.equals("period") ? "&period=all" : "");
                    HttpResponse<String> res = attack(r.method(), base + q, acmeTriage, beta);
                    if (res.statusCode() == 200 && whole >= 0 && res.body().startsWith("{\"total\"")) {
                        long got = JSON.readTree(res.body()).path("total").asLong();
                        assertTrue(got <= whole, base + q + " answers " + got + " rows, more than the " + whole + " without it");
                        if (value.contains("'")) {
                            assertEquals(0, got, base + q + ": nothing is named that");
                        }
                    }
                }
            }
        }
        assertTrue(attacks.get() - before > 1000, "requests: " + (attacks.get() - before));
        assertEquals(acmeMachines, JSON.readTree(get("/api/machines", acmeTriage).body()).path("total").asLong(), "events intact");
        assertEquals(acmeIoas, JSON.readTree(get("/api/ioas?limit=1", acmeTriage).body()).path("total").asLong(), "IoAs intact");
        System.out.println("ThServerTest attacks so far: " + attacks.get() + " requests, 0 leaks");
    }

    /** The {@code total} of a list answer, or -1 when {@code path} is not one. */
    private static long total(String path) throws Exception {
        HttpResponse<String> res = get(path, acmeTriage);
        return res.statusCode() == 200 && res.body().startsWith("{\"total\"") ? JSON.readTree(res.body()).path("total").asLong() : -1;
    }

    @Test
    void pathTraversalInNamesReachesNoFile() throws Exception {
        List<String> beta = List.of(betaMuid, betaIoa, betaGuid, "\"beta\"");
        for (String p : List.of("/console/../../../../etc/passwd", "/console/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                "/console/..%2f..%2f..%2fpom.xml", "/console/%2e%2e%2f%2e%2e%2ftokens.json", "/console/....//....//etc/passwd")) {
            HttpResponse<String> res = attack("GET", p, null, beta);
            assertFalse(res.statusCode() == 200 && (res.body().contains("root:") || res.body().contains("<project")
                    || res.body().contains("hash")), p + " served a file outside the console: " + res.body());
        }
        for (String name : List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "C:%5CWindows%5Cwin.ini")) {
            for (String route : List.of("/api/machines/", "/api/processes/", "/api/reports/")) {
                HttpResponse<String> res = attack("GET", route + name.replace("/", "%2F"), acmeTriage, beta);
                assertTrue(res.statusCode() == 404 || res.statusCode() == 400, route + name + " -> " + res.statusCode());
            }
        }
        Path evtx = TestStores.samples().resolve("evtx/ID4688_4648_4624-Runas_execution_with_different_user.evtx");
        String acmeIngest = new Tokens(dir).create(List.of("acme"), "ingest", Tokens.DEFAULT_LIFETIME);
        for (String name : List.of("../../escaped.evtx", "..%2F..%2Fescaped.evtx", "%2Ftmp%2Fescaped.evtx", "a%2Fescaped.evtx",
                "..%5Cescaped.evtx", "escaped%00.evtx", "C:%5Cescaped.evtx", ".", "..", "x".repeat(300) + ".evtx")) {
            HttpResponse<String> res = TestStores.post(server, "/api/uploads?name=" + name, acmeIngest, evtx);
            attacks.incrementAndGet();
            assertEquals(400, res.statusCode(), name + ": " + res.body());
        }
        try (java.util.stream.Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(), all.filter(f -> f.getFileName().toString().contains("escaped")).toList(), "nothing written by name");
        }
        assertFalse(Files.exists(Path.of("/tmp/escaped.evtx")));
    }

    @Test
    void oversizedParametersAndHeadersAreRefusedInFewWords() throws Exception {
        List<String> beta = List.of(betaMuid, betaIoa, betaGuid, "\"beta\"");
        String machine = "/api/machines/" + enc(acmeNames.iterator().next());
        for (String p : List.of("/api/machines?q=" + "A".repeat(100_000), machine + "/executions?file=" + "A".repeat(6_000),
                machine + "/executions?period=" + "9".repeat(6_000), machine + "/executions?command=" + "x,".repeat(1_000),
                machine + "/executions?limit=" + "9".repeat(1_000), "/api/ioas?status=" + "closed".repeat(1_000),
                "/api/machines/" + "A".repeat(6_000), machine + "/communications?top=" + "9".repeat(100))) {
            HttpResponse<String> res = attack("GET", p, acmeTriage, beta);
            assertTrue(res.statusCode() == 200 || res.statusCode() >= 400, p.substring(0, 60) + " -> " + res.statusCode());
        }
        HttpResponse<String> big = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/machines"))
                .header("X-Filler", "A".repeat(64_000)).GET(), acmeTriage);
        attacks.incrementAndGet();
        assertTrue(big.statusCode() >= 400 && big.statusCode() < 500, "a 64 KB header -> " + big.statusCode());
        HttpResponse<String> token = TestStores.get(server, "/api/machines", "A".repeat(8_000));
        attacks.incrementAndGet();
        assertEquals(401, token.statusCode());
        HttpResponse<String> body = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/session"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\": \"" + "A".repeat(2_000_000) + "\"}")), null);
        attacks.incrementAndGet();
        assertEquals(413, body.statusCode(), "a 2 MB body");
        assertEquals(acmeMachines, JSON.readTree(get("/api/machines", acmeTriage).body()).path("total").asLong(), "the server still answers");
    }

    private static List<String> filled(String path) {
        if (!path.contains("{")) {
            return List.of(path);
        }
        List<String> out = new ArrayList<>();
        List<String> values = path.contains("{machine}") ? List.of(betaName, betaMuid)
                : path.contains("{guid}") ? List.of(betaGuid) : List.of(betaIoa);
        for (String v : values) {
            out.add(path.replaceAll("\\{[^}]+}", enc(v)));
        }
        return out;
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return TestStores.get(server, path, token);
    }

    private static HttpResponse<String> patch(String path, String token) throws Exception {
        return TestStores.send(server, "PATCH", path, token);
    }

    private static String enc(String s) {
        return TestStores.enc(s);
    }
}
