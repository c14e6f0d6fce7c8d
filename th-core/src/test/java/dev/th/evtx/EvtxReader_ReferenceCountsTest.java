package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every EVTX file of {@code reference-counts.json} (made with python-evtx and libevtx's
 * evtxinfo): record count, count per Channel|EventID, header record count, first and last
 * TimeCreated, and the sampled Sysmon 1 fields.
 */
class EvtxReader_ReferenceCountsTest {

    @TestFactory
    Stream<DynamicTest> everyReferenceFile() throws Exception {
        Path refs = SharedData.require("reference-counts.json");
        JsonNode evtx = new ObjectMapper().readTree(refs.toFile()).get("evtx");
        List<DynamicTest> tests = new ArrayList<>();
        evtx.fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(e.getKey(),
                () -> check(SharedData.require(e.getKey()), e.getValue()))));
        assertTrue(tests.size() >= 100, "reference-counts.json lists " + tests.size() + " EVTX files");
        return tests.stream();
    }

    private static void check(Path file, JsonNode ref) throws Exception {
        EvtxReads.Result r = EvtxReads.read(file);
        assertEquals(List.of(), r.rejects(), "rejects");
        assertEquals(ref.get("records").asLong(), r.events().size(), "records");
        assertEquals(ref.get("evtxinfo_header_records").asLong(), r.events().size(), "evtxinfo header records");

        Map<String, Long> expected = new TreeMap<>();
        ref.get("by_channel_eventid").fields().forEachRemaining(c -> expected.put(c.getKey(), c.getValue().asLong()));
        Map<String, Long> actual = new TreeMap<>();
        for (RawEvent ev : r.events()) {
            actual.merge(ev.channel() + "|" + ev.eventId(), 1L, Long::sum);
        }
        assertEquals(expected, actual, "by Channel|EventID");

        Instant first = r.events().stream().map(RawEvent::time).min(Instant::compareTo).orElseThrow();
        Instant last = r.events().stream().map(RawEvent::time).max(Instant::compareTo).orElseThrow();
        assertNear(ref.get("time_first").asText(), first, "time_first");
        assertNear(ref.get("time_last").asText(), last, "time_last");

        JsonNode samples = ref.get("sysmon_eid1_samples");
        if (samples != null) {
            List<RawEvent> eid1 = r.events().stream()
                    .filter(ev -> ev.eventId() == 1 && ev.channel().equals("Microsoft-Windows-Sysmon/Operational")).toList();
            for (JsonNode sample : samples) {
                String guid = sample.get("ProcessGuid").asText();
                RawEvent ev = eid1.stream().filter(x -> guid.equals(x.field("ProcessGuid"))).findFirst()
                        .orElseThrow(() -> new AssertionError("no Sysmon 1 event with ProcessGuid " + guid));
                sample.fields().forEachRemaining(f -> assertEquals(f.getValue().asText(), ev.field(f.getKey()), f.getKey()));
            }
        }
    }

    /** python-evtx divides FILETIME ticks as a double (~1.9 µs apart near 1.3e10 s): allow 5 µs. */
    private static void assertNear(String pythonTime, Instant actual, String what) {
        String t = pythonTime.replace(' ', 'T');
        Instant expected = LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        long diff = Math.abs(Duration.between(expected, actual).toNanos());
        assertTrue(diff <= 5_000, what + ": expected " + expected + " but was " + actual);
    }
}
