package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code th report} and {@code --chart} on the question store, checked against the store read with plain SQL. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportOfTheStoreListsEveryMachineAndCountsEveryIoa() throws Exception {
        Path out = dir.resolve("report.html");
        Run r = AskStore.th("report", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("Report: " + out.toAbsolutePath()), r::toString);
        JsonNode spec = PageSpec.of(out);
        long machines = StoreSql.count(AskStore.db(), "SELECT count(DISTINCT Muid) FROM events");
        assertEquals(machines, PageSpec.part(spec, "Machines").get("table").get("rows").size());
        long ioas = StoreSql.count(AskStore.db(), "SELECT count(*) FROM ioas WHERE NOT excluded");
        assertTrue(ioas > 0, "th ingest hunted with the pack");
        long drawn = 0;
        for (JsonNode s : PageSpec.part(spec, "IoAs by severity").get("option").get("series")) {
            for (JsonNode d : s.get("data")) {
                drawn += d.isObject() ? d.get("value").asLong() : d.asLong();
            }
        }
        assertEquals(ioas, drawn);
        String html = Files.readString(out);
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"));
    }

    @Test
    void reportOfOneMachineCoversOnlyIt() throws Exception {
        Path out = dir.resolve("iewin7.html");
        Run r = AskStore.th("report", "--machine", "IEWIN7", "--out", out.toString());
        assertEquals(0, r.exit(), r::toString);
        JsonNode spec = PageSpec.of(out);
        assertEquals("TH incident report: machine IEWIN7", spec.get("title").asText());
        JsonNode rows = PageSpec.part(spec, "Machines").get("table").get("rows");
        assertEquals(1, rows.size());
        assertEquals(StoreSql.count(AskStore.db(), "SELECT count(*) FROM events WHERE Muid = ?", AskStore.IEWIN7_MUID),
                rows.get(0).get(3).asLong());
        long remotes = StoreSql.count(AskStore.db(), "SELECT count(DISTINCT RemoteIp || '|' || coalesce(Direction, '')) FROM events "
                + "WHERE Muid = ? AND Family = 'network' AND RemoteIp IS NOT NULL", AskStore.IEWIN7_MUID);
        String note = PageSpec.part(spec, "Communications").get("note").asText();
        assertTrue(note.startsWith("0 of " + remotes + " remote addresses"), note);
    }

    @Test
    void reportRefusesAClientAndAMachineTogether() {
        Run r = AskStore.th("report", "--client", "default", "--machine", "IEWIN7", "--out", dir.resolve("x.html").toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("give --client or --machine, not both"), r::toString);
        assertTrue(!Files.exists(dir.resolve("x.html")));
    }

    @Test
    void chartOfCommunicationsIsAMapOfTheMachinesRemoteAddresses() throws Exception {
        Path out = dir.resolve("comms.html");
        Run r = AskStore.th("machine", "IEWIN7", "communications", "--period", "all", "--chart", out.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("chart (map): " + out.toAbsolutePath()), r::toString);
        assertTrue(r.out().contains("rows)"), "the table is still printed: " + r);
        JsonNode map = PageSpec.of(out).get("sections").get(0);
        assertEquals("map", map.get("kind").asText());
        long remotes = StoreSql.count(AskStore.db(), "SELECT count(DISTINCT RemoteIp || '|' || coalesce(Direction, '')) FROM events WHERE Muid = ? AND Family = 'network' AND RemoteIp IS NOT NULL",
                AskStore.IEWIN7_MUID);
        JsonNode unplaced = PageSpec.of(out).get("sections").get(1).get("table").get("rows");
        assertEquals(remotes, unplaced.size(), "without a geo table every address is listed under the map");
    }

    @Test
    void chartOfAnExecutionTreeMarksTheIoasOnTheirProcess() throws Exception {
        Path out = dir.resolve("tree.html");
        Run r = AskStore.th("process", "--muid", "WORKSTATION5", "--pid", "4824", "execution_tree", "--period", "all", "--chart", out.toString());
        assertEquals(0, r.exit(), r::toString);
        JsonNode tree = PageSpec.of(out).get("sections").get(0);
        assertEquals("tree", tree.get("kind").asText());
        long onIt = StoreSql.count(AskStore.db(), "SELECT count(*) FROM ioas WHERE huntingRule = 'LSASS dump through comsvcs.dll MiniDump' "
                + "AND (json_extract_string(details, '$.event.fields.ProcessGuid') = '{39e4a257-d4ad-5f8c-3303-000000000700}' "
                + "OR lower(json_extract_string(details, '$.event.fields.NewProcessId')) = '0x12d8')");
        JsonNode node = find(tree.get("option").get("series").get(0).get("data").get(0), "rundll32.exe (4824)");
        long marked = 0;
        for (JsonNode i : node.get("ioas")) {
            marked += i.asText().equals("LSASS dump through comsvcs.dll MiniDump") ? 1 : 0;
        }
        assertEquals(onIt, marked);
    }

    @Test
    void chartOfAMachinesEventsIsATimelineWithItsIoas() throws Exception {
        Path out = dir.resolve("timeline.html");
        Run r = AskStore.th("machine", "WORKSTATION5", "events", "--period", "2020-10-23", "--chart", out.toString());
        assertEquals(0, r.exit(), r::toString);
        JsonNode t = PageSpec.of(out).get("sections").get(0);
        assertEquals("timeline", t.get("kind").asText());
        long events = StoreSql.count(AskStore.db(), "SELECT count(*) FROM events WHERE MachineName = 'WORKSTATION5' "
                + "AND DateTime >= TIMESTAMP '2020-10-23' AND DateTime < TIMESTAMP '2020-10-24'");
        long ioas = StoreSql.count(AskStore.db(), "SELECT count(*) FROM ioas WHERE machineName = 'WORKSTATION5' "
                + "AND alertDateTime >= TIMESTAMP '2020-10-23' AND alertDateTime < TIMESTAMP '2020-10-24'");
        long counted = 0;
        long dots = -1;
        for (JsonNode s : t.get("option").get("series")) {
            if (s.get("type").asText().equals("bar")) {
                for (JsonNode d : s.get("data")) {
                    counted += d.get(1).asLong();
                }
            } else {
                dots = s.get("data").size();
            }
        }
        assertEquals(events, counted);
        assertEquals(ioas, dots);
    }

    private static JsonNode find(JsonNode n, String prefix) {
        if (n.get("name").asText().startsWith(prefix)) {
            return n;
        }
        for (JsonNode c : n.path("children")) {
            JsonNode f = find(c, prefix);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
