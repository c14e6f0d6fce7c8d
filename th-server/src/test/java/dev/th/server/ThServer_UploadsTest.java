package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads through a real server over a real store of client acme (the comsvcs sample): the
 * figures expected come from reference-counts.json (python3-evtx and the zips' own line counts).
 */
class ThServer_UploadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUNAS = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";

    @TempDir
    static Path tmp;
    static Path dir;
    static ThServer server;
    static String acmeIngest;
    static String acmeRead;

    @BeforeAll
    static void store() throws Exception {
        dir = tmp.resolve("store");
        TestStores.ingest(dir, "acme", TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        Tokens tokens = new Tokens(dir);
        acmeIngest = tokens.create(List.of("acme"), "ingest", Tokens.DEFAULT_LIFETIME);
        acmeRead = tokens.create(List.of("acme"), "read", Tokens.DEFAULT_LIFETIME);
        server = ThServer.start(dir, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anUploadedEvtxIsIngestedInTheBackgroundAndASecondUploadStoresNothing() throws Exception {
        Path evtx = SharedData.require(RUNAS);
        JsonNode ref = JSON.readTree(SharedData.require("reference-counts.json").toFile()).path("evtx").path(RUNAS);
        long records = ref.path("records").asLong();
        long creations = ref.path("by_channel_eventid").path("Security|4688").asLong();
        String computer = ref.path("by_computer_channel_eventid").fieldNames().next().split("\\|")[0];

        HttpResponse<String> res = TestStores.post(server, "/api/uploads?name=" + evtx.getFileName(), acmeIngest, evtx);
        assertEquals(202, res.statusCode(), res.body());
        String location = res.headers().firstValue("Location").orElseThrow();
        JsonNode job = waitDone(location);
        assertEquals("done", job.path("state").asText(), job.toString());
        // read: the live records python3-evtx counts, and the older ones TH recovers from the chunks' slack
        long recovered = job.path("recovered").asLong();
        assertEquals(records, job.path("read").asLong() - recovered, job.toString());
        assertEquals(job.path("read").asLong(), job.path("stored").asLong() + job.path("rejected").asLong()
                + job.path("duplicates").asLong());
        long stored = job.path("stored").asLong();
        assertTrue(stored >= records, job.toString());
        assertEquals(stored, job.path("progress").path("eventsStored").asLong());

        // the new machine answers, with the creations its log holds
        JsonNode machines = JSON.readTree(TestStores.get(server, "/api/machines?q=" + TestStores.enc(computer), acmeRead).body());
        assertEquals(1, machines.path("total").asLong(), machines.toString());
        JsonNode ex = JSON.readTree(TestStores.get(server, "/api/machines/" + TestStores.enc(computer)
                + "/executions?operation=create", acmeRead).body());
        assertEquals(creations, ex.path("total").asLong(), ex.toString());

        JsonNode second = waitDone(TestStores.post(server, "/api/uploads?name=again.evtx", acmeIngest, evtx)
                .headers().firstValue("Location").orElseThrow());
        assertEquals(job.path("read").asLong(), second.path("read").asLong());
        assertEquals(0, second.path("stored").asLong());
        assertEquals(job.path("read").asLong(), second.path("duplicates").asLong());
        assertEquals(stored, eventsOf(computer), "nothing stored twice");
        try (Stream<Path> left = Files.list(dir.resolve("uploads"))) {
            assertEquals(0, left.count(), "the uploaded files are removed once ingested");
        }
    }

    @Test
    void queriesAreAnsweredWhileAnUploadIsIngested() throws Exception {
        Path big = SharedData.require("otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip");
        long events = JSON.readTree(SharedData.require("reference-counts.json").toFile()).path("otrf_json_zips")
                .path("otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip").path("members").get(0)
                .path("events").asLong();
        String location = TestStores.post(server, "/api/uploads?name=lsass.zip", acmeIngest, big).headers()
                .firstValue("Location").orElseThrow();
        int answeredWhileIngesting = 0;
        long lastStored = -1;
        boolean progressed = false;
        for (int i = 0; i < 600; i++) {
            JsonNode before = JSON.readTree(TestStores.get(server, location, acmeRead).body());
            if (before.path("state").asText().equals("done") || before.path("state").asText().equals("failed")) {
                break;
            }
            HttpResponse<String> q = TestStores.get(server, "/api/machines", acmeRead);
            assertEquals(200, q.statusCode(), q.body());
            JsonNode after = JSON.readTree(TestStores.get(server, location, acmeRead).body());
            if (before.path("state").asText().equals("ingesting") && after.path("state").asText().equals("ingesting")) {
                answeredWhileIngesting++;
                long stored = after.path("progress").path("eventsStored").asLong();
                progressed |= lastStored >= 0 && stored > lastStored;
                lastStored = stored;
            }
            Thread.sleep(200);
        }
        JsonNode job = waitDone(location);
        assertEquals("done", job.path("state").asText(), job.toString());
        assertEquals(events, job.path("read").asLong());
        assertEquals(events, job.path("stored").asLong() + job.path("rejected").asLong() + job.path("duplicates").asLong());
        assertTrue(answeredWhileIngesting > 0, "a query answered between two looks that both saw the ingest running");
        assertTrue(progressed, "the job's progress moved while it ran");
    }

    @Test
    void badUploadsAreProblemsAndStoreNothing() throws Exception {
        Path sample = TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip");
        for (String name : List.of("../../etc/x.zip", "..%2F..%2Fx.zip", "a/b.zip", "%2Fetc%2Fpasswd", "..", "x%00.zip", "")) {
            HttpResponse<String> res = TestStores.post(server, "/api/uploads?name=" + name, acmeIngest, sample);
            assertEquals(400, res.statusCode(), name + " -> " + res.body());
            assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), name);
        }
        assertFalse(Files.exists(dir.resolve("etc")) || Files.exists(tmp.resolve("etc")), "nothing written outside uploads/");
        assertEquals(403, TestStores.post(server, "/api/uploads?name=x.zip", acmeRead, sample).statusCode(), "read may not upload");
        assertEquals(403, TestStores.post(server, "/api/uploads?client=beta&name=x.zip", acmeIngest, sample).statusCode(),
                "not for another client");
        Path empty = Files.createFile(tmp.resolve("empty.json"));
        assertEquals(400, TestStores.post(server, "/api/uploads?name=empty.json", acmeIngest, empty).statusCode());
        assertEquals(404, TestStores.get(server, "/api/uploads/0123456789abcdef", acmeRead).statusCode());
    }

    @Test
    void anUploadPastTheLimitIsRefusedAndAQuestionPastTheTimeLimitIsCancelled() throws Exception {
        Path other = tmp.resolve("small-limit");
        TestStores.ingest(other, "acme", TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        String token = new Tokens(other).create(List.of("acme"), "ingest", Tokens.DEFAULT_LIFETIME);
        String machine;
        try (dev.th.store.DuckDbStore store = dev.th.store.DuckDbStore.open(other);
                java.sql.Statement st = store.connection().createStatement()) {
            machine = TestStores.text(st, "SELECT MachineName FROM events LIMIT 1");
        }
        try (ThServer small = ThServer.start(other, "127.0.0.1", 0, new ThServer.Settings(2, 10_000, 1_000_000, 0, 1, null, null))) {
            Path sample = TestStores.samples().resolve("json/purplesharp_pe_injection_createremotethread.zip");
            HttpResponse<String> res = TestStores.post(small, "/api/uploads?name=big.zip", token, sample);
            assertEquals(413, res.statusCode(), res.body());
            assertTrue(res.body().contains("10000"), res.body());
            // a limit of 1 ms: the executions of a machine (several DuckDB queries) run past it
            HttpResponse<String> slow = TestStores.get(small, "/api/machines/" + TestStores.enc(machine)
                    + "/executions?period=all", token);
            assertEquals(503, slow.statusCode(), slow.body());
            assertTrue(slow.body().contains("limit of 1 ms") && slow.body().contains("cancelled"), slow.body());
            assertTrue(slow.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        }
    }

    private static long eventsOf(String computer) throws Exception {
        JsonNode m = JSON.readTree(TestStores.get(server, "/api/machines/" + TestStores.enc(computer), acmeRead).body());
        return m.path("Events").asLong();
    }

    private static JsonNode waitDone(String location) throws Exception {
        return TestStores.uploadEnded(server, location, acmeRead, java.time.Duration.ofMinutes(2));
    }
}
