package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.Ask;
import dev.th.ExecutionsQuery;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.store.DuckDbStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource bounds on a real store of the samples' PurpleSharp log (WORKSTATION5): a streamed
 * answer ({@link Ask#stream()}, the HTTP API's {@code format=jsonl|csv}) gives every row of the
 * fetched one; {@code fetch()} and {@code frame()} refuse past {@code th.frame.maxRows} naming
 * {@code stream()}; and many stores opened, queried, streamed and closed in one JVM, many
 * ingests, and many requests to one server leave the process's file descriptors and threads
 * (Java's and DuckDB's own, counted in /proc) where they were.
 */
class ThServer_BoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path dir;
    static long executions;
    static String machine;

    @BeforeAll
    static void store() throws Exception {
        dir = tmp.resolve("store");
        TestStores.ingest(dir, "acme", TestStores.samples().resolve("json/purplesharp_pe_injection_createremotethread.zip"));
        try (DuckDbStore store = DuckDbStore.open(dir); Statement st = store.connection().createStatement()) {
            machine = TestStores.text(st, "SELECT MachineName FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
            // the executions answer: the machine's process events, each told once (Sysmon 1 and its 4688 are one)
            executions = TestStores.one(st, "SELECT count(*) FROM events WHERE MachineName = '" + machine
                    + "' AND Family = 'process' AND Duplicate IS NULL");
        }
        assertTrue(executions > 100, "the PurpleSharp log's processes: " + executions);
    }

    private static List<Map<String, Object>> maps(Stream<Process> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        rows.forEach(p -> out.add(p.toMap()));
        return out;
    }

    @Test
    void aStreamGivesEveryRowOfTheFetchAndFetchRefusesPastItsBound() {
        try (TH th = TH.open(dir)) {
            Machine m = th.client("acme").machine(machine);
            List<Map<String, Object>> fetched = maps(m.executions().period("all").fetch().list().stream());
            List<Map<String, Object>> streamed;
            try (Stream<Process> s = m.executions().period("all").stream()) {
                streamed = maps(s);
            }
            assertEquals(executions, fetched.size());
            assertEquals(fetched, streamed, "the stream holds the fetch's rows, in its order");
            String before = System.getProperty("th.frame.maxRows");
            System.setProperty("th.frame.maxRows", String.valueOf(executions - 1));
            try {
                ExecutionsQuery q = m.executions().period("all");
                Ask.AnswerTooLarge e = assertThrows(Ask.AnswerTooLarge.class, q::frame);
                assertTrue(e.getMessage().contains("stream()") && e.getMessage().contains(String.format("%,d", executions - 1)),
                        e.getMessage());
                assertThrows(Ask.AnswerTooLarge.class, () -> m.executions().period("all").fetch());
                try (Stream<Process> s = m.executions().period("all").stream()) {
                    assertEquals(executions, s.count(), "a stream has no bound");
                }
                assertEquals(10, m.executions().period("all").page(5, 10).fetch().size(), "a page is under the bound");
                System.setProperty("th.frame.maxRows", String.valueOf(executions));
                assertEquals(executions, m.executions().period("all").frame().height(), "at the bound it still answers");
            } finally {
                if (before == null) {
                    System.clearProperty("th.frame.maxRows");
                } else {
                    System.setProperty("th.frame.maxRows", before);
                }
            }
        }
    }

    @Test
    void theHttpApiStreamsTheWholeAnswerAsJsonLinesOrCsv() throws Exception {
        String token = new Tokens(dir).create(List.of("acme"), "read", Tokens.DEFAULT_LIFETIME);
        try (ThServer server = ThServer.start(dir, "127.0.0.1", 0)) {
            String path = "/api/machines/" + TestStores.enc(machine) + "/executions";
            HttpResponse<String> lines = TestStores.get(server, path + "?format=jsonl", token);
            assertEquals(200, lines.statusCode(), lines.body());
            assertTrue(lines.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
            List<JsonNode> rows = new ArrayList<>();
            for (String l : lines.body().split("\n")) {
                rows.add(JSON.readTree(l));
            }
            assertEquals(executions, rows.size());
            JsonNode page = JSON.readTree(TestStores.get(server, path + "?limit=1000", token).body());
            for (int i = 0; i < page.path("rows").size(); i++) {
                assertEquals(page.path("rows").get(i).path("ChildPid").asLong(), rows.get(i).path("ChildPid").asLong(), "row " + i);
                assertEquals(page.path("rows").get(i).path("CommandLine").asText(), rows.get(i).path("CommandLine").asText(), "row " + i);
            }
            HttpResponse<String> csv = TestStores.get(server, path + "?format=csv", token);
            assertEquals(200, csv.statusCode());
            assertEquals(executions + 1, csv.body().split("\r\n").length, "a header and every row");
            for (String bad : List.of("?format=xml", "?format=jsonl&limit=5", "?format=csv&histogram=day")) {
                HttpResponse<String> res = TestStores.get(server, path + bad, token);
                assertEquals(400, res.statusCode(), bad + ": " + res.body());
            }
        }
    }

    @Test
    void fileDescriptorsAndThreadsDoNotGrowWithUse() throws Exception {
        Path proc = Path.of("/proc/self/fd");
        if (!Files.isDirectory(proc)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no /proc/self/fd on this system: descriptors not counted");
        }
        String token = new Tokens(dir).create(List.of("acme"), "ingest", Tokens.DEFAULT_LIFETIME);
        Path upload = TestStores.samples().resolve("evtx/ID4688_4648_4624-Runas_execution_with_different_user.evtx");
        Runnable round = () -> {
            try (TH th = TH.open(dir)) {
                Machine m = th.client("acme").machine(machine);
                m.executions().period("all").page(0, 5).fetch();
                try (Stream<Process> s = m.executions().period("all").stream()) {
                    s.limit(3).count(); // a stream left early is closed all the same
                }
            }
        };
        dev.th.hunt.RuleSet pack = TestStores.pack();
        for (int i = 0; i < 2; i++) {
            round.run();
            TestStores.ingest(tmp.resolve("warm" + i), "acme", pack, upload);
        }
        long[] before = {count(proc), count(Path.of("/proc/self/task")), Thread.activeCount()};
        for (int i = 0; i < 10; i++) {
            round.run();
        }
        for (int i = 0; i < 3; i++) {
            TestStores.ingest(tmp.resolve("ingest" + i), "acme", pack, upload);
        }
        long[] afterUse = {count(proc), count(Path.of("/proc/self/task")), Thread.activeCount()};
        long[] served;
        long[] serverStart;
        try (ThServer server = ThServer.start(dir, "127.0.0.1", 0)) {
            String path = "/api/machines/" + TestStores.enc(machine) + "/executions";
            for (int i = 0; i < 5; i++) {
                TestStores.get(server, path + "?limit=3&offset=" + i, token);
            }
            serverStart = new long[] {count(proc), count(Path.of("/proc/self/task"))};
            for (int i = 0; i < 20; i++) {
                TestStores.get(server, path + "?limit=3&offset=" + (i % 7) + "&period=all", token);
                TestStores.get(server, path + "?format=jsonl&period=" + (i % 2 == 0 ? "all" : "2020-10-23"), token);
            }
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = TestStores.post(server, "/api/uploads?name=runas" + i + ".evtx", token, upload);
                assertEquals(202, r.statusCode(), r.body());
            }
            waitForUploads(server, token);
            served = new long[] {count(proc), count(Path.of("/proc/self/task"))};
        }
        long[] closed = {count(proc), count(Path.of("/proc/self/task"))};
        String figures = "fds/OS threads/Java threads: after warm-up " + List.of(before[0], before[1], before[2])
                + ", after 10 rounds and 3 ingests " + List.of(afterUse[0], afterUse[1], afterUse[2])
                + "; server after 5 requests " + List.of(serverStart[0], serverStart[1]) + ", after 40 more and 2 uploads "
                + List.of(served[0], served[1]) + ", closed " + List.of(closed[0], closed[1]);
        System.out.println("ThServer_BoundsTest: " + figures);
        assertTrue(afterUse[0] <= before[0] + 2, "descriptors grew with use: " + figures);
        assertTrue(afterUse[1] <= before[1] + 2, "threads grew with use: " + figures);
        assertTrue(served[0] <= serverStart[0] + 8, "the server's descriptors grew with requests: " + figures);
        assertTrue(served[1] <= serverStart[1] + 8, "the server's threads grew with requests: " + figures);
        assertTrue(closed[0] <= before[0] + 4, "a closed server left descriptors open: " + figures);
    }

    private static void waitForUploads(ThServer server, String token) throws Exception {
        for (int i = 0; i < 600; i++) {
            JsonNode jobs = JSON.readTree(TestStores.get(server, "/api/uploads", token).body());
            boolean running = false;
            for (JsonNode j : jobs.path("rows")) {
                String state = j.path("state").asText();
                running |= !state.equals("done") && !state.equals("failed");
            }
            if (!running) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the uploads did not end within 60 s");
    }

    private static long count(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
