package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.hunt.ioa.Ioa;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code th hunt} on files (no store) and on a store, {@code th ioa}, {@code th ioc}, as a user runs them. */
class HuntCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Pairs whose info.yml says match_count 1 while three records of the log satisfy the rule as
     * written (checked by hand by the Sigma engine's tests: records 14985, 14988, 14990 and
     * 26359, 26366, 26373).
     */
    private static final Map<String, Integer> HAND_CHECKED = Map.of(
            "file_event_win_anydesk_artefact", 3,
            "file_event_win_cred_dump_tools_dropped_files", 3);

    @TempDir
    Path dir;

    static JsonNode json(Run r) throws IOException {
        assertTrue(r.out().trim().startsWith("["), r.toString());
        return JSON.readTree(r.out());
    }

    /** File mode on every regression pair with a match_count: that many IoAs, as JSON with the right keys. */
    @TestFactory
    Stream<DynamicTest> regressionPairsInFileMode() throws IOException {
        Path root = SharedData.require("sigma-regression");
        JsonNode index = JSON.readTree(root.resolve("INDEX.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode p : index.path("pairs")) {
            if (p.path("match_count").isNull() || p.path("match_count").isMissingNode()) {
                continue;
            }
            String name = p.path("name").asText();
            int expected = HAND_CHECKED.getOrDefault(name, p.path("match_count").asInt());
            Path pair = root.resolve(name);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Path evtx;
                try (Stream<Path> s = Files.list(pair)) {
                    evtx = s.filter(f -> f.toString().endsWith(".evtx")).findFirst().orElseThrow();
                }
                Run r = Run.th("hunt", "--rules", pair.resolve("rule.yml").toString(), "--format", "json", evtx.toString());
                assertEquals(0, r.exit(), r.toString());
                JsonNode ioas = json(r);
                assertEquals(expected, ioas.size(), r.toString());
                for (JsonNode a : ioas) {
                    List<String> keys = new ArrayList<>();
                    a.fieldNames().forEachRemaining(keys::add);
                    assertEquals(Ioa.OUTPUT_COLUMNS, keys);
                    assertTrue(a.path("eventRef").asText().startsWith(evtx + "#"), a.path("eventRef").asText());
                    assertTrue(!a.path("ruleAuthor").asText().isEmpty(), "the rule's author is shown (DRL-1.1)");
                    assertTrue(a.path("details").isObject(), "details is nested JSON, not a string: " + a.path("details"));
                }
            }));
        }
        assertTrue(tests.size() > 50, "pairs with a match_count: " + tests.size());
        return tests.stream();
    }

    @Test
    void fileModeWithThePackAndABadRuleBesideIt() throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("broken.yml"), "title: broken\nlogsource: {product: windows}\ndetection: {condition: nothing}\n");
        Run r = Run.th("hunt", "--rules", rules.toString(), "--th-rules", "--format", "json", "../samples/evtx");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(8, json(r).size(), "5 IoAs on the PsExec sample, 3 on the runas sample");
        assertTrue(r.err().contains("Rules: 26 loaded") && r.err().contains("1 not loaded (see why: th rules check"), r.err());
    }

    @Test
    void ingestWithoutHuntingSaysSoAndStoresNoIoA() throws IOException {
        String db = dir.resolve("nohunt").toString();
        Run in = Run.th("ingest", "--db", db, "--no-hunt", "../samples/evtx");
        assertEquals(0, in.exit(), in.toString());
        assertTrue(in.out().contains("Not hunted at ingest (--no-hunt)"), in.toString());
        assertEquals(0, json(Run.th("ioa", "list", "--db", db, "--format", "json")).size());
    }

    @Test
    void ingestHuntsListsSetsAndKeepsStatusAcrossRuns() throws IOException {
        String db = dir.resolve("store").toString();
        Path iocs = Files.writeString(dir.resolve("iocs.txt"), "# PsExec64.exe of the PsExec sample\nmd5:9321C107D1F7E336CDA550A2BF049108\n");
        Run in = Run.th("ingest", "--db", db, "--ioc", iocs.toString(), "../samples/evtx");
        assertEquals(0, in.exit(), in.toString());
        // PsExec64.exe's creation and its six actions (Sysmon 13, 11, 22, and three pipe connections, Sysmon 18)
        assertTrue(in.out().contains("Hunted at ingest: 8 IoAs (8 new), 7 new IoC detections"), in.toString());

        JsonNode ioas = json(Run.th("ioa", "list", "--db", db, "--format", "json"));
        assertEquals(8, ioas.size());
        String id = null;
        for (JsonNode a : ioas) {
            if (a.path("eventRef").asText().endsWith("#48606")) {
                id = a.path("id").asText();
                assertEquals("Process started by the PsExec service", a.path("huntingRule").asText());
                assertEquals("new", a.path("status").asText());
            }
        }
        // the README's `th ioa set --db th-data ID --status investigating --excluded false`, read back as the hunter would
        Run investigating = Run.th("ioa", "set", "--db", db, id, "--status", "investigating", "--excluded", "false");
        assertEquals(0, investigating.exit(), investigating.toString());
        assertTrue(investigating.out().startsWith(id + "  status=investigating excluded=false"), investigating.toString());
        int investigated = 0;
        for (JsonNode a : json(Run.th("ioa", "list", "--db", db, "--format", "json"))) {
            boolean mine = a.path("id").asText().equals(id);
            assertEquals(mine ? "investigating" : "new", a.path("status").asText(), a.toString());
            assertEquals(false, a.path("excluded").asBoolean());
            investigated += mine ? 1 : 0;
        }
        assertEquals(1, investigated);
        JsonNode onlyMine = json(Run.th("ioa", "list", "--db", db, "--status", "investigating", "--format", "json"));
        assertEquals(1, onlyMine.size());
        assertEquals(id, onlyMine.get(0).path("id").asText());

        Run set = Run.th("ioa", "set", "--db", db, id, "--status", "closed", "--excluded", "true");
        assertEquals(0, set.exit(), set.toString());
        assertEquals(0, json(Run.th("ioa", "list", "--db", db, "--status", "investigating", "--format", "json")).size(),
                "the status was replaced");

        Run again = Run.th("ingest", "--db", db, "../samples/evtx");
        assertEquals(0, again.exit(), again.toString());
        Run hunt = Run.th("hunt", "--db", db, "--format", "json");
        assertEquals(0, hunt.exit(), hunt.toString());
        assertTrue(hunt.err().contains("8 IoAs (0 new)"), hunt.err());
        JsonNode listed = json(Run.th("ioa", "list", "--db", db, "--format", "json"));
        assertEquals(7, listed.size(), "the excluded IoA is hidden");
        JsonNode all = json(Run.th("ioa", "list", "--db", db, "--excluded", "--status", "closed", "--format", "json"));
        assertEquals(1, all.size());
        assertEquals(id, all.get(0).path("id").asText());
        assertEquals(true, all.get(0).path("excluded").asBoolean());

        JsonNode matches = json(Run.th("ioc", "matches", "--db", db, "--format", "json"));
        // PsExec64.exe's creation and its six actions (three of them pipe connections), which know its MD5 from that creation
        assertEquals(7, matches.size());
        assertEquals("IoC", matches.get(0).path("WinningTech").asText());
        assertEquals("C:\\TOOLS\\PsExec64.exe", matches.get(0).path("ChildPath").asText());
    }

    @Test
    void fileModeMatchesIocLists() throws IOException {
        Path iocs = Files.writeString(dir.resolve("iocs.txt"), "9321C107D1F7E336CDA550A2BF049108\nnot an indicator\n");
        Run r = Run.th("hunt", "--ioc", iocs.toString(), "--format", "csv", "../samples/evtx");
        assertEquals(2, r.exit(), "a bad IoC line is reported: " + r);
        assertTrue(r.err().contains("iocs.txt:2: 'not an indicator' is neither"), r.err());
        assertTrue(r.err().contains("IoC md5:9321c107d1f7e336cda550a2bf049108 matched ChildMd5 in ../samples/evtx/"
                + "ID11_13_17_18-PSexec_as_system_execution.evtx#48593"), r.err());
        assertEquals(9, r.out().lines().count(), "header and 8 IoAs: " + r.out());
    }

    @Test
    void badInputGetsOneClearLine() {
        Run r = Run.th("hunt", "--rules", dir.resolve("nope").toString(), "../samples/evtx");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("th hunt: rule path ") && r.err().trim().lines().count() == 1, r.toString());
        Run p = Run.th("hunt", "--period", "lastweek", "../samples/evtx");
        assertEquals(1, p.exit());
        assertTrue(p.err().contains("allowed: all, today"), p.toString());
        Run s = Run.th("ioa", "set", "--db", dir.toString(), "0000", "--status", "done");
        assertEquals(1, s.exit());
        assertTrue(s.err().contains("allowed: new, investigating, closed"), s.toString());
        Run both = Run.th("hunt", "--db", dir.toString(), "../samples/evtx");
        assertEquals(1, both.exit());
    }
}
