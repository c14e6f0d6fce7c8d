package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries while ingesting see one committed state: the 9 EVTX samples uploaded one after the
 * other to a real server while a client keeps asking for the machines and adds up their events.
 * Every answer must be one of the cumulative totals (before any upload, after the first, after
 * the first two, ...) and the answers must never go down.
 */
class ThServer_ConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyAnswerDuringUploadsIsOneCommittedState() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.require("evtx"))) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        Path dir = tmp.resolve("store");
        TestStores.ingest(dir, "acme", TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        Tokens tokens = new Tokens(dir);
        String ingest = tokens.create(List.of("acme"), "ingest", Tokens.DEFAULT_LIFETIME);
        String read = tokens.create(List.of("acme"), "read", Tokens.DEFAULT_LIFETIME);
        try (ThServer server = ThServer.start(dir, "127.0.0.1", 0)) {
            Set<Long> totals = new LinkedHashSet<>();
            totals.add(events(server, read));
            List<Long> seen = Collections.synchronizedList(new ArrayList<>());
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean done = new AtomicBoolean();
            Thread asker = new Thread(() -> {
                while (!done.get()) {
                    try {
                        seen.add(events(server, read));
                    } catch (Exception e) {
                        failures.add(String.valueOf(e));
                    }
                }
            });
            asker.start();
            long total = totals.iterator().next();
            for (Path f : files) {
                HttpResponse<String> res = TestStores.post(server, "/api/uploads?name=" + f.getFileName(), ingest, f);
                assertEquals(202, res.statusCode(), res.body());
                JsonNode job = TestStores.uploadEnded(server, res.headers().firstValue("Location").orElseThrow(), read,
                        java.time.Duration.ofMinutes(5));
                assertEquals("done", job.path("state").asText(), job.toString());
                total += job.path("stored").asLong();
                totals.add(total);
            }
            done.set(true);
            asker.join();
            assertEquals(List.of(), failures);
            assertEquals(total, events(server, read), "the last answer is the last total");
            assertTrue(seen.size() > files.size(), "answers asked while uploading: " + seen.size());
            long last = -1;
            int distinct = 0;
            for (long v : seen) {
                assertTrue(totals.contains(v), v + " is not one of the committed totals " + totals);
                assertTrue(v >= last, "the answers went down: " + last + " then " + v);
                distinct += v != last ? 1 : 0;
                last = v;
            }
            System.out.printf("ThServer_ConsistencyTest: %d answers during %d uploads, %d distinct, all of the %d committed totals %s%n",
                    seen.size(), files.size(), distinct, totals.size(), totals);
        }
    }

    /** The events of the token's machines, added up from one answer. */
    private static long events(ThServer server, String token) throws Exception {
        HttpResponse<String> r = TestStores.get(server, "/api/machines?limit=1000", token);
        assertEquals(200, r.statusCode(), r.body());
        long n = 0;
        for (JsonNode m : JSON.readTree(r.body()).path("rows")) {
            n += m.path("Events").asLong();
        }
        return n;
    }
}
