package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of the HTTP API's parameter parsing on a real server (a random port, a
 * store of the samples' comsvcs log for client acme, a triage token). An input is the part of a
 * request after {@code /api/} (path and query, as a client writes it; {@code {machine}} stands for
 * the store's machine): every byte a URL cannot carry as is is percent-encoded, so the server
 * decodes exactly the fuzzed bytes. What must hold for any request: no server failure (5xx), and
 * a refusal is a problem (application/problem+json) that names no internals. The seeds are real
 * requests of docs/server.md and the tests.
 */
class ThServerParamsFuzzTest {
    private static ThServer server;
    private static String token;
    private static String machine;

    private static synchronized void start() throws Exception {
        if (server != null) {
            return;
        }
        Path dir = Files.createTempDirectory("th-fuzz-server");
        TestStores.ingest(dir, "acme", TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        token = new Tokens(dir).create(List.of("acme"), "triage", Tokens.DEFAULT_LIFETIME);
        server = ThServer.start(dir, "127.0.0.1", 0);
        machine = TestStores.get(server, "/api/machines", token).body().replaceAll("(?s).*\"MachineName\":\"([^\"]+)\".*", "$1");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }

    @FuzzTest(maxDuration = "5m")
    void query(byte[] data) throws Exception {
        start();
        String text = new String(data, StandardCharsets.UTF_8).replace("{machine}", machine);
        boolean patch = text.startsWith("PATCH ");
        String target = "/api/" + encoded(patch ? text.substring(6) : text);
        HttpResponse<String> res = TestStores.send(server, patch ? "PATCH" : "GET", target, token);
        assertTrue(res.statusCode() < 500, target + " -> " + res.statusCode() + " " + res.body());
        if (res.statusCode() >= 400 && res.statusCode() != 404 && res.statusCode() != 414 && res.statusCode() != 431) {
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    target + " -> " + res.statusCode() + " " + res.headers().map());
            assertFalse(res.body().contains("Exception") || res.body().contains("SQL"), target + " leaks: " + res.body());
        }
    }

    /** The bytes of {@code s} a URL carries as they are kept (so ?, &, =, / and % keep their meaning), others percent-encoded. */
    private static String encoded(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}#".indexOf(c) < 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
