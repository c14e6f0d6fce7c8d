package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.server.ThServer;
import dev.th.server.Tokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code th serve} with the Spark engine behind it: a real server on a random port over the lake
 * exported from a DuckDB store, and a second real server over that store. Each question's JSON
 * must be the same on both; what writes (an upload) says in one line that a lake is served read-only.
 */
class ServeOnLakeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static ThServer duck;
    static ThServer spark;
    static String duckToken;
    static String sparkToken;
    static String guid;
    static String machine;

    @BeforeAll
    static void twoServers() throws Exception {
        Path store = OtrfStore.make("th-serve-store");
        Path lake = Files.createTempDirectory("th-serve-lake");
        LakeExport.run(store, lake);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store.resolve("th.duckdb").toAbsolutePath());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MachineName, ChildGuid FROM events WHERE EventId = 1 AND ChildGuid IS NOT NULL"
                        + " ORDER BY DateTime, ChildGuid LIMIT 1")) {
            assertTrue(rs.next(), "the store holds a Sysmon 1 with a process GUID");
            machine = rs.getString(1);
            guid = rs.getString(2);
        }
        duckToken = new Tokens(store).create(List.of("default"), "read", Tokens.DEFAULT_LIFETIME);
        sparkToken = new Tokens(lake).create(List.of("default"), "read", Tokens.DEFAULT_LIFETIME);
        duck = ThServer.start(store, "127.0.0.1", 0);
        spark = ThServer.start(lake, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (duck != null) {
            duck.close();
        }
    }

    @Test
    void everyQuestionAnswersTheSameJsonOnTheLake() throws Exception {
        String m = "/api/machines/" + enc(machine);
        String p = "/api/processes/" + enc(guid);
        List<String> paths = List.of("/api/machines", m, m + "/executions?period=all", m + "/executions?period=all&histogram=hour",
                m + "/files?period=all&histogram=day:ChildFilename:5", m + "/files?period=all",
                m + "/registry?period=all", m + "/processes?period=all", m + "/users?period=all", m + "/timetable?period=all",
                m + "/coverage", m + "/ioas?period=all", p, p + "/execution_tree?period=all",
                p + "/childs", p + "/commandlines?period=all", "/api/processes?period=all", "/api/users?period=all",
                "/api/prevalence?file=cmd.exe", "/api/ioas?period=all");
        int nonEmpty = 0;
        for (String path : paths) {
            HttpResponse<String> a = get(duck, path, duckToken);
            HttpResponse<String> b = get(spark, path, sparkToken);
            assertEquals(200, a.statusCode(), path + " on DuckDB: " + a.body());
            assertEquals(200, b.statusCode(), path + " on the lake: " + b.body());
            JsonNode da = JSON.readTree(a.body());
            assertEquals(da, JSON.readTree(b.body()), path + ": another answer on the lake");
            nonEmpty += da.path("total").asLong(da.isArray() ? da.size() : 1) > 0 ? 1 : 0;
        }
        assertTrue(nonEmpty >= paths.size() - 3, "most questions have rows to compare (" + nonEmpty + " of " + paths.size() + ")");
    }

    @Test
    void logonSessionsAreNotComputedOnTheLakeAndItSaysSo() throws Exception {
        HttpResponse<String> r = get(spark, "/api/machines/" + enc(machine) + "/sessions?period=all", sparkToken);
        assertEquals(501, r.statusCode(), r.body());
        assertTrue(r.body().contains("does not compute sessions"), r.body());
    }

    @Test
    void anUploadToTheLakeSaysWhyNot() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spark.port() + "/api/uploads"))
                .header("Authorization", "Bearer " + sparkToken).GET().timeout(Duration.ofSeconds(120)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(501, r.statusCode(), r.body());
        assertTrue(r.body().contains("th lake ingest"), r.body());
    }

    private static HttpResponse<String> get(ThServer s, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Authorization", "Bearer " + token).GET().timeout(Duration.ofSeconds(300)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
