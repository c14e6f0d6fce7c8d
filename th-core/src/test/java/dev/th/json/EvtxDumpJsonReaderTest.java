package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The evtx_dump JSON twins of the Sigma regression pairs, read against their EVTX's reference counts. */
class EvtxDumpJsonReaderTest {
    private static final String DIR = "sigma-regression/";

    private static CollectingSink read(Path file) throws IOException {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = Files.newInputStream(file)) {
            new EvtxDumpJsonReader().read(in, file.toString(), "h", sink);
        }
        return sink;
    }

    private static CollectingSink read(String text) throws IOException {
        CollectingSink sink = new CollectingSink();
        new EvtxDumpJsonReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", "h", sink);
        return sink;
    }

    private static Path twin(String pair) throws IOException {
        try (Stream<Path> s = Files.list(SharedData.require(DIR + pair))) {
            return s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    @Test
    void everyTwinHasItsEvtxRecordCountAndChannelEventIdCounts() throws IOException {
        Path root = SharedData.require(DIR);
        JsonNode evtxRef = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile()).get("evtx");
        List<Path> twins;
        try (Stream<Path> s = Files.walk(root, 2)) {
            twins = s.filter(p -> p.getNameCount() == root.getNameCount() + 2 && p.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(94, twins.size());
        int records = 0;
        for (Path twin : twins) {
            Path evtx = Path.of(twin.toString().replaceAll("\\.json$", ".evtx"));
            JsonNode ref = evtxRef.get(DIR + root.relativize(evtx).toString().replace('\\', '/'));
            assertTrue(ref != null, "no reference for " + evtx);
            CollectingSink sink = read(twin);
            assertEquals(List.of(), sink.rejections, twin.toString());
            assertEquals(ref.get("records").asInt(), sink.events.size(), twin.toString());
            Map<String, Integer> expected = new TreeMap<>();
            ref.get("by_channel_eventid").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asInt()));
            assertEquals(expected, sink.byChannelEventId(), twin.toString());
            records += sink.events.size();
        }
        assertEquals(117, records);
    }

    @Test
    void sysmonFileEventFieldsAsCheckedByHand() throws IOException {
        CollectingSink sink = read(twin("file_event_win_advanced_ip_scanner"));
        RawEvent e = sink.events.get(0);
        assertEquals(1, e.recordId());
        assertEquals(1, e.source().offset());
        assertEquals(Instant.parse("2025-10-24T23:36:29.111126Z"), e.time());
        assertEquals("Microsoft-Windows-Sysmon", e.provider());
        assertEquals("Microsoft-Windows-Sysmon/Operational", e.channel());
        assertEquals(11, e.eventId());
        assertEquals("ar-win-dc.attackrange.local", e.computer());
        assertEquals("5770385F-C22A-43E0-BF4C-06F5698FFBD9", e.field("Provider_Guid"));
        assertEquals("2025-10-24T23:36:29.1111260Z", e.field("TimeCreated"));
        assertEquals("18267", e.field("EventRecordID"));
        assertEquals("3308", e.field("Execution_ProcessID"));
        assertEquals("4008", e.field("Execution_ThreadID"));
        assertEquals("S-1-5-18", e.field("Security_UserID"));
        assertEquals("0x8000000000000000", e.field("Keywords"));
        assertEquals("4", e.field("Level"));
        assertEquals("2", e.field("Version"));
        // the GUID stays as evtx_dump writes it: upper case, no braces (the normalizer normalizes)
        assertEquals("5AA13A44-0D74-68FC-EB1D-000000004002", e.field("ProcessGuid"));
        assertEquals("5624", e.field("ProcessId"));
        assertEquals("C:\\Users\\ADMINI~1\\AppData\\Local\\Temp\\Advanced IP Scanner 2\\platforms\\qwindows.dll",
                e.field("TargetFilename"));
        assertEquals("ATTACKRANGE\\Administrator", e.field("User"));
        assertEquals("", e.field("Correlation"), "a null Correlation is an empty element");
        assertFalse(e.fields().keySet().stream().anyMatch(k -> k.contains("xmlns")));
    }

    @Test
    void userDataLeavesAndCorrelationByName() throws IOException {
        CollectingSink sink = read(twin("win_wmi_activity_nteventlogfile_cleareventlog"));
        RawEvent e = sink.events.get(0);
        assertEquals("Microsoft-Windows-WMI-Activity/Operational", e.channel());
        assertEquals(5858, e.eventId());
        assertEquals("swachchhanda", e.computer());
        assertEquals("8E521E2B-7C26-0001-417F-9C8E267CDB01", e.field("Correlation_ActivityID"));
        assertEquals("SWACHCHHANDA", e.field("ClientMachine"));
        assertEquals("25920", e.field("ClientProcessId"));
        assertEquals("0x80041003", e.field("ResultCode"));
        assertEquals("{00000000-0000-0000-0000-000000000000}", e.field("Id"));
        assertTrue(e.field("Operation").endsWith("::cleareventlog"));
    }

    @Test
    void fiveElementFileKeepsOrderRecordIdsAndStartLines() throws IOException {
        CollectingSink sink = read(twin("file_event_win_anydesk_artefact"));
        assertEquals(5, sink.events.size());
        List<Long> lines = new ArrayList<>();
        sink.events.forEach(e -> lines.add(e.source().offset()));
        assertEquals(List.of(1L, 52L, 103L, 154L, 205L), lines);
        RawEvent second = sink.events.get(1);
        assertEquals(2, second.recordId());
        assertEquals("14963", second.field("EventRecordID"));
        assertEquals("5AA13A44-0D08-68FC-DC1D-000000004002", second.field("ProcessGuid"));
        assertEquals(Instant.parse("2025-10-24T23:34:34.644616Z"), second.time());
    }

    @Test
    void garbageBetweenElementsAndABrokenElementAreRejectedWhereTheyAreAndTheRestIsRead() throws IOException {
        List<String> lines = Files.readAllLines(twin("file_event_win_anydesk_artefact"));
        List<String> damaged = new ArrayList<>(lines);
        // element 2 spans lines 52..102: drop its first closing brace of an inner object so it no longer parses
        int brace = 52;
        while (!damaged.get(brace).equals("        }")) {
            brace++;
        }
        assertTrue(brace < 101);
        damaged.remove(brace);
        // garbage after element 4 (which ends at line 204 of the original, 203 now)
        damaged.add(203, "this is not JSON");
        CollectingSink sink = read(String.join("\n", damaged) + "\n");
        assertEquals(4, sink.events.size(), sink.rejections.toString());
        assertEquals(2, sink.rejections.size(), sink.rejections.toString());
        assertEquals(52, sink.rejections.get(0).offset());
        assertEquals(204, sink.rejections.get(1).offset());
        assertTrue(sink.rejections.get(0).reason().startsWith("element starting at line 52 is damaged at line "),
                sink.rejections.get(0).reason());
        assertTrue(sink.rejections.get(1).reason().startsWith("line 204 is not part of an {\"Event\":...} object: "),
                sink.rejections.get(1).reason());
        assertEquals(List.of(1L, 3L, 4L, 5L), sink.events.stream().map(RawEvent::recordId).toList());
    }

    @Test
    void truncatedFileKeepsTheWholeElementsBeforeTheCut() throws IOException {
        String text = Files.readString(twin("file_event_win_anydesk_artefact"));
        int cut = text.indexOf("\"TargetFilename\"", text.indexOf("\"EventRecordID\"", text.length() / 2));
        CollectingSink sink = read(text.substring(0, cut));
        assertEquals(3, sink.events.size());
        assertEquals(1, sink.rejections.size());
        assertEquals(154, sink.rejections.get(0).offset());
    }

    @Test
    void oneElementPerLineWithRecordHeadersReadsToo() throws IOException {
        String text = Files.readString(twin("file_event_win_anydesk_artefact"));
        ObjectMapper om = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        try (var it = om.readerFor(JsonNode.class).readValues(text)) {
            int n = 0;
            while (it.hasNext()) {
                jsonl.append("Record ").append(++n).append('\n').append(om.writeValueAsString(it.next())).append('\n');
            }
        }
        CollectingSink sink = read(jsonl.toString());
        assertEquals(5, sink.events.size());
        assertEquals(List.of(), sink.rejections);
        assertEquals("5AA13A44-0D08-68FC-DC1D-000000004002", sink.events.get(1).field("ProcessGuid"));
        assertEquals(4, sink.events.get(1).source().offset());
    }

    @Test
    void anElementLongerThanTheLimitIsRejectedUnreadAndTheNextOnesAreRead() throws IOException {
        String text = Files.readString(twin("file_event_win_anydesk_artefact"));
        ObjectMapper om = new ObjectMapper();
        List<String> oneLine = new ArrayList<>();
        try (var it = om.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                oneLine.add(om.writeValueAsString(it.next()));
            }
        }
        int limit = 1500;
        assertTrue(oneLine.stream().allMatch(l -> l.length() < limit));
        String padded = oneLine.get(2).replace("\"RuleName\":\"-\"", "\"RuleName\":\"" + "x".repeat(limit) + "\"");
        oneLine.set(2, padded);
        CollectingSink sink = new CollectingSink();
        byte[] bytes = String.join("\n", oneLine).getBytes(StandardCharsets.UTF_8);
        new EvtxDumpJsonReader(limit).read(new ByteArrayInputStream(bytes), "t", "h", sink);
        assertEquals(List.of(1L, 2L, 4L, 5L), sink.events.stream().map(RawEvent::recordId).toList());
        assertEquals(1, sink.rejections.size());
        assertEquals(3, sink.rejections.get(0).offset());
        assertEquals("element starting at line 3 is longer than 1500 characters: not read", sink.rejections.get(0).reason());

        // the same limit on the pretty-printed file: every element is under it, all are read
        CollectingSink pretty = new CollectingSink();
        new EvtxDumpJsonReader(limit).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", "h", pretty);
        assertEquals(5, pretty.events.size());
    }

    @Test
    void theJsonLinesReaderMapsEvtxDumpLinesTheSameWay() throws IOException {
        String text = Files.readString(twin("file_event_win_anydesk_artefact"));
        ObjectMapper om = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        try (var it = om.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                jsonl.append(om.writeValueAsString(it.next())).append('\n');
            }
        }
        CollectingSink lines = new CollectingSink();
        new JsonLinesReader().read(new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8)), "t", "h", lines);
        CollectingSink dump = read(twin("file_event_win_anydesk_artefact"));
        assertEquals(5, lines.events.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(dump.events.get(i).fields(), lines.events.get(i).fields());
            assertEquals(i + 1, lines.events.get(i).recordId());
        }
    }

    @Test
    void prettyPrintedSequenceOfOtherEventObjectsReadsAsTheirLinesDo() throws IOException {
        List<String> lines = JsonLinesReader_TrapsTest.lines("otrf/psh_lsass_memory_dump_comsvcs.zip");
        ObjectMapper om = new ObjectMapper();
        StringBuilder pretty = new StringBuilder();
        for (String line : lines) {
            pretty.append(om.writerWithDefaultPrettyPrinter().writeValueAsString(om.readTree(line))).append('\n');
        }
        CollectingSink sink = read(pretty.toString());
        CollectingSink fromLines = JsonLinesReader_TrapsTest.read(lines);
        assertEquals(List.of(), sink.rejections);
        assertEquals(184, sink.events.size());
        for (int i = 0; i < 184; i++) {
            assertEquals(fromLines.events.get(i).fields(), sink.events.get(i).fields());
            assertEquals(i + 1, sink.events.get(i).recordId());
        }
    }
}
