package dev.th.server;

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
import java.util.List;

/** Stores for the server's tests (ingested as {@code th ingest} does, with TH's rule pack) and HTTP calls to a server. */
final class TestStores {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestStores() {
    }

    /** Ingests {@code inputs} into the store of {@code dir} for {@code client}, hunting with TH's rule pack. */
    static void ingest(Path dir, String client, Path... inputs) throws Exception {
        ingest(dir, client, pack(), inputs);
    }

    /** TH's rule pack, loaded. */
    static RuleSet pack() throws Exception {
        return RuleSet.load(List.of(RulePack.materialize()));
    }

    /** {@link #ingest(Path, String, Path...)} hunting with {@code pack}. */
    static void ingest(Path dir, String client, RuleSet pack, Path... inputs) throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, client)) {
            IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
            ingest.run(List.of(inputs), new Sources(), Readers.defaults());
            hunting.finish();
        }
    }

    static long one(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The checkout's samples/ folder (shipped with the repository). */
    static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples/json"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/ of the checkout not found from " + Path.of("").toAbsolutePath());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static HttpResponse<String> get(ThServer server, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, path)).GET(), token);
    }

    static HttpResponse<String> send(ThServer server, String method, String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, path)).method(method, HttpRequest.BodyPublishers.noBody()), token);
    }

    static HttpResponse<String> post(ThServer server, String path, String token, Path body) throws Exception {
        return send(HttpRequest.newBuilder(uri(server, path)).POST(HttpRequest.BodyPublishers.ofFile(body)), token);
    }

    static URI uri(ThServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder b, String token) throws Exception {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The upload job at {@code location} once it is done or failed; an error past {@code limit}. */
    static JsonNode uploadEnded(ThServer server, String location, String token, Duration limit)
            throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode j = new ObjectMapper().readTree(get(server, location, token).body());
            String s = j.path("state").asText();
            if (s.equals("done") || s.equals("failed")) {
                return j;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("upload " + location + " not done in " + limit.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
