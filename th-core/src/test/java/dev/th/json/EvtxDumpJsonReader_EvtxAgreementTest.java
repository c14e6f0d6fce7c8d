package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventReader;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The evtx_dump twin and the EVTX of every regression pair give the same RawEvents: same header,
 * same field names, same values, but for what evtx_dump itself changed — GUIDs upper case
 * without braces, TimeCreated cut to microseconds, trailing spaces trimmed.
 */
class EvtxDumpJsonReader_EvtxAgreementTest {
    private static final Pattern GUID = Pattern.compile("\\{?[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}}?");

    private static List<RawEvent> read(EventReader reader, Path file) throws IOException {
        CollectingSink sink = new CollectingSink();
        try (InputStream in = Files.newInputStream(file)) {
            reader.read(in, file.toString(), "h", sink);
        }
        assertEquals(List.of(), sink.rejections, file.toString());
        return sink.events;
    }

    @Test
    void twinsAndEvtxAgreeFieldByField() throws IOException {
        Path root = SharedData.require("sigma-regression");
        List<Path> evtxFiles;
        try (Stream<Path> s = Files.walk(root)) {
            evtxFiles = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        assertEquals(94, evtxFiles.size());
        Map<String, Integer> allowed = new TreeMap<>();
        int events = 0;
        for (Path evtx : evtxFiles) {
            Path twin = evtx.resolveSibling(evtx.getFileName().toString().replaceAll("\\.evtx$", ".json"));
            Map<String, RawEvent> fromEvtx = new HashMap<>();
            read(new EvtxReader(), evtx).stream().filter(e -> !e.recovered()) // evtx_dump gives the live records only
                    .forEach(e -> fromEvtx.put(e.field("EventRecordID"), e));
            List<RawEvent> fromJson = read(new EvtxDumpJsonReader(), twin);
            assertEquals(fromEvtx.size(), fromJson.size(), twin.toString());
            for (RawEvent j : fromJson) {
                String where = twin + " record " + j.field("EventRecordID");
                RawEvent x = fromEvtx.get(j.field("EventRecordID"));
                assertNotNull(x, where);
                assertEquals(x.eventId(), j.eventId(), where);
                assertEquals(x.channel(), j.channel(), where);
                assertEquals(x.provider(), j.provider(), where);
                assertEquals(x.computer(), j.computer(), where);
                assertTrue(Duration.between(j.time(), x.time()).abs().toNanos() < 1000, where + " time");
                assertEquals(x.fields().keySet(), j.fields().keySet(), where);
                for (String k : x.fields().keySet()) {
                    String vx = x.field(k);
                    String vj = j.field(k);
                    if (vx.equals(vj)) {
                        continue;
                    }
                    String kind;
                    if (GUID.matcher(vx).matches() && vx.replaceAll("[{}]", "").toUpperCase(Locale.ROOT).equals(vj)) {
                        kind = "GUID";
                    } else if (k.equals("TimeCreated")) {
                        kind = "TimeCreated";
                    } else if (vx.stripTrailing().equals(vj)) {
                        kind = "trailing space";
                    } else {
                        throw new AssertionError(where + " field " + k + ": EVTX '" + vx + "', twin '" + vj + "'");
                    }
                    allowed.merge(kind, 1, Integer::sum);
                }
                events++;
            }
        }
        assertEquals(117, events);
        // the differences evtx_dump made, counted: GUIDs on every event (Provider_Guid at least)
        assertTrue(allowed.get("GUID") >= 117, allowed.toString());
    }
}
