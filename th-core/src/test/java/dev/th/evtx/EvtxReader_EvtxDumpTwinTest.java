package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each regression EVTX of {@code sigma-regression/} against its evtx_dump JSON twin, field by
 * field. Only representation differences are normalized: GUID case and braces, numbers printed
 * as JSON numbers, TimeCreated's precision (evtx_dump prints microseconds, we print all seven
 * FILETIME digits), and trailing whitespace, which evtx_dump trims from text values (python-evtx
 * keeps it, and so do we: {@code EvtxReader_ReferenceCountsTest} checks a command line ending in
 * a space).
 */
class EvtxReader_EvtxDumpTwinTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GUID = Pattern.compile("\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}?");

    @TestFactory
    Stream<DynamicTest> everyRegressionPair() throws IOException {
        Path root = SharedData.require("sigma-regression");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path evtx : files.filter(p -> p.toString().endsWith(".evtx")).sorted().toList()) {
                Path twin = evtx.resolveSibling(evtx.getFileName().toString().replaceAll("\\.evtx$", ".json"));
                tests.add(DynamicTest.dynamicTest(root.relativize(evtx).toString(), () -> check(evtx, twin)));
            }
        }
        assertTrue(tests.size() >= 90, "found " + tests.size() + " regression EVTX files");
        return tests.stream();
    }

    private static void check(Path evtx, Path twin) throws IOException {
        assertTrue(Files.exists(twin), "twin " + twin + " exists");
        EvtxReads.Result r = EvtxReads.read(evtx);
        assertEquals(List.of(), r.rejects(), "rejects");
        Map<String, RawEvent> byRecordId = new HashMap<>();
        r.events().forEach(e -> byRecordId.put(Long.toString(e.recordId()), e));
        int twins = 0;
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(twin.toFile())) {
            while (it.hasNext()) {
                JsonNode event = it.next().get("Event");
                String id = event.get("System").get("EventRecordID").asText();
                RawEvent ours = byRecordId.get(id);
                assertNotNull(ours, "record " + id + " of the twin is read from the EVTX");
                compare(id, expectedFields(event), ours);
                twins++;
            }
        }
        assertEquals(twins, r.events().size(), "records in the EVTX vs events in the twin");
    }

    /** The twin's event flattened the way RawEvent documents it. */
    private static Map<String, JsonNode> expectedFields(JsonNode event) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        event.get("System").fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                v.path("#attributes").fields().forEachRemaining(a -> out.put(
                        name.equals("TimeCreated") && a.getKey().equals("SystemTime") ? "TimeCreated" : name + "_" + a.getKey(),
                        a.getValue()));
                if (v.has("#text")) {
                    out.put(name, v.get("#text"));
                }
            } else {
                out.put(name, v);
            }
        });
        JsonNode data = event.get("EventData");
        if (data != null && data.isObject()) {
            data.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        JsonNode user = event.get("UserData");
        if (user != null) {
            user.fields().forEachRemaining(section -> section.getValue().fields().forEachRemaining(e -> {
                if (!e.getKey().equals("#attributes")) {
                    out.put(e.getKey(), e.getValue());
                }
            }));
        }
        return out;
    }

    private static void compare(String id, Map<String, JsonNode> expected, RawEvent ours) {
        assertTrue(expected.size() > 5, "record " + id + ": the twin has fields");
        for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
            String field = e.getKey();
            JsonNode want = e.getValue();
            String got = ours.field(field);
            String where = "record " + id + ", field " + field;
            if (want.isNull()) {
                assertTrue(got == null || got.isEmpty(), where + ": expected empty but was " + got);
            } else if (field.equals("TimeCreated")) {
                assertNotNull(got, where);
                long nanos = Duration.between(Instant.parse(want.asText()), Instant.parse(got)).toNanos();
                assertTrue(Math.abs(nanos) < 1_000, where + ": " + want.asText() + " vs " + got);
            } else {
                assertEquals(normalize(want.asText()), normalize(got), where);
            }
        }
        for (String field : ours.fields().keySet()) {
            assertTrue(expected.containsKey(field), "record " + id + ": field " + field + " is not in the twin");
        }
    }

    private static String normalize(String v) {
        if (v == null) {
            return null;
        }
        v = v.stripTrailing();
        if (GUID.matcher(v).matches()) {
            return v.replace("{", "").replace("}", "").toLowerCase(Locale.ROOT);
        }
        return v;
    }
}
