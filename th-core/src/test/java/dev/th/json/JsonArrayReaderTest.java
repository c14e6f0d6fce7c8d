package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** JSON arrays of events, built from real OTRF lines and a real evtx_dump twin. */
class JsonArrayReaderTest {
    private static final ObjectMapper OM = new ObjectMapper();

    private static CollectingSink read(String text) throws IOException {
        CollectingSink sink = new CollectingSink();
        new JsonArrayReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "a.json", "h", sink);
        return sink;
    }

    private static ArrayNode otrfArray() throws IOException {
        ArrayNode array = OM.createArrayNode();
        for (String line : JsonLinesReader_TrapsTest.lines("otrf/purplesharp_pe_injection_createremotethread.zip")) {
            array.add(OM.readTree(line));
        }
        return array;
    }

    @Test
    void prettyArrayOfOtrfEventsReadsAsTheLinesDo() throws IOException {
        ArrayNode array = otrfArray();
        String pretty = OM.writerWithDefaultPrettyPrinter().writeValueAsString(array);
        CollectingSink sink = read(pretty);
        CollectingSink lines = JsonLinesReader_TrapsTest.read(JsonLinesReader_TrapsTest.lines(
                "otrf/purplesharp_pe_injection_createremotethread.zip"));
        assertEquals(List.of(), sink.rejections);
        assertEquals(692, sink.events.size());
        assertEquals(LongStream.rangeClosed(1, 692).boxed().toList(), sink.events.stream().map(RawEvent::recordId).toList());
        assertEquals(1, sink.events.get(0).source().offset()); // Jackson's pretty printer opens with "[ {"
        for (int i = 0; i < 692; i++) {
            assertEquals(lines.events.get(i).fields(), sink.events.get(i).fields());
        }
        assertEquals(lines.byChannelEventId(), sink.byChannelEventId());
    }

    @Test
    void arrayOfEvtxDumpObjects() throws IOException {
        Path twin;
        try (Stream<Path> s = Files.list(SharedData.require("sigma-regression/file_event_win_anydesk_artefact"))) {
            twin = s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        ArrayNode array = OM.createArrayNode();
        try (var it = OM.readerFor(JsonNode.class).readValues(Files.readString(twin))) {
            while (it.hasNext()) {
                array.add((JsonNode) it.next());
            }
        }
        CollectingSink sink = read(array.toString());
        CollectingSink dump = new CollectingSink();
        new EvtxDumpJsonReader().read(Files.newInputStream(twin), "t", "h", dump);
        assertEquals(5, sink.events.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(dump.events.get(i).fields(), sink.events.get(i).fields());
        }
    }

    @Test
    void badElementsAreRejectedAndATruncatedArrayKeepsWhatCameBefore() throws IOException {
        ArrayNode array = otrfArray();
        array.insert(10, IntNode.valueOf(42)); // element 11: not an object
        array.insert(20, OM.readTree("{\"Channel\":\"Security\",\"TimeCreated\":\"2020-10-23T03:12:04.351Z\"}")); // 21: no EventID
        StringBuilder text = new StringBuilder("[\n"); // one element per line: element i on line i + 1
        for (int i = 0; i < array.size(); i++) {
            text.append(array.get(i).toString()).append(i + 1 < array.size() ? ",\n" : "\n");
        }
        text.append("]\n");
        CollectingSink sink = read(text.toString());
        assertEquals(692, sink.events.size());
        assertEquals(List.of(12L, 22L), sink.rejections.stream().map(r -> r.offset()).toList());
        assertEquals("element 11 at line 12 is not a JSON object", sink.rejections.get(0).reason());
        assertEquals("element 21 at line 22: no EventID", sink.rejections.get(1).reason());
        assertEquals(23, sink.events.get(19).source().offset());
        assertEquals(22, sink.events.get(19).recordId());

        // cut inside element 301 (line 302): the 300 elements before it are read, 2 of them rejected
        int lineStart = 0;
        for (int l = 1; l < 302; l++) {
            lineStart = text.indexOf("\n", lineStart) + 1;
        }
        CollectingSink cut = read(text.substring(0, lineStart + 40));
        assertEquals(298, cut.events.size());
        assertEquals(3, cut.rejections.size());
        assertEquals(0, cut.rejections.get(2).records());
        assertEquals(302, cut.rejections.get(2).offset());
        assertTrue(cut.rejections.get(2).reason().startsWith(
                "element 301 starting at line 302 is damaged at line 302; the rest of the array is not read: "
                + "Unexpected end-of-input"), cut.rejections.get(2).reason());
        assertTrue(!cut.rejections.get(2).reason().contains("REDACTED"), cut.rejections.get(2).reason());

        // stray text between elements: the elements before it are read
        List<String> strayLines = new java.util.ArrayList<>(text.toString().lines().toList());
        strayLines.add(52, "not json"); // after element 51 (line 52)
        String stray = String.join("\n", strayLines);
        CollectingSink strayed = read(stray);
        assertEquals(49, strayed.events.size());
        assertEquals("damaged JSON at line 53 (after element 51); the rest of the array is not read: ",
                strayed.rejections.get(2).reason().substring(0, 79));
    }

    @Test
    void notAnArrayIsAnError() {
        IOException e = assertThrows(IOException.class, () -> read("{\"EventID\":1}"));
        assertEquals("a.json is not a JSON array (it starts with {)", e.getMessage());
    }
}
