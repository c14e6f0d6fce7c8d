package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import dev.th.testing.WindowsExports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The positional name table against real events: every layout marked "verified" is the EventData
 * order of real events of ../shared/data (EVTX attack samples and the SigmaHQ regression logs), and
 * every real event of an event TH names has its layout in the table.
 */
class EventDataNamesTest {

    /** Per provider|event|version|count, the EventData names real events carry, in order. */
    private static Map<String, List<String>> realLayouts() throws IOException {
        List<Path> files = new ArrayList<>(ExportReads.realEvtxFiles());
        try (Stream<Path> s = Files.walk(SharedData.require("sigma-regression"))) {
            s.filter(p -> p.toString().endsWith(".evtx")).sorted().forEach(files::add);
        }
        Map<String, List<String>> seen = new TreeMap<>();
        for (Path f : files) {
            ExportReads r = ExportReads.of(f);
            assertEquals(List.of(), r.rejects, f.toString());
            for (RawEvent e : r.live()) {
                List<String> names = WindowsExports.eventData(e).stream().map(Map.Entry::getKey).toList();
                String key = e.provider() + "|" + e.eventId() + "|" + e.field("Version") + "|" + names.size();
                List<String> before = seen.putIfAbsent(key, names);
                assertTrue(before == null || before.equals(names), key + ": two orders in real data: " + before + " and " + names);
            }
        }
        return seen;
    }

    @Test
    void verifiedLayoutsAreThoseOfRealEvents() throws IOException {
        Map<String, List<String>> real = realLayouts();
        int verified = 0;
        for (EventDataNames.Layout l : EventDataNames.standard().all()) {
            String key = l.provider() + "|" + l.eventId() + "|" + l.version() + "|" + l.names().size();
            if (l.verified()) {
                verified++;
                assertEquals(real.get(key), l.names(), key + " is marked verified");
            }
        }
        assertTrue(verified >= 25, "verified layouts: " + verified);
    }

    @Test
    void everyRealEventOfANamedEventHasItsLayout() throws IOException {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        EventDataNames table = EventDataNames.standard();
        for (Map.Entry<String, List<String>> e : realLayouts().entrySet()) {
            String[] k = e.getKey().split("\\|");
            int eventId = Integer.parseInt(k[1]);
            boolean named = table.all().stream().anyMatch(l -> l.eventId() == eventId && l.provider().equals(k[0]));
            if (named && table.find(k[0], eventId, Integer.parseInt(k[2]), Integer.parseInt(k[3])) == null) {
                missing.put(e.getKey(), e.getValue());
            }
        }
        assertEquals(Map.of(), missing);
    }
}
