package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.testing.WindowsExports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real events of a layout TH knows, their EventData made unnamed (as a forwarded event carries
 * them) and flagged as older records carved from a chunk's slack: named back, they keep their
 * flags (before, naming dropped them and a recovered record was stored as a live one).
 */
class PositionalNames_FlagsTest {

    @Test
    void namingKeepsTheRecoveredFlag() throws IOException {
        EventDataNames table = EventDataNames.standard();
        int checked = 0;
        for (Path f : ExportReads.realEvtxFiles()) {
            for (RawEvent e : ExportReads.of(f).live()) {
                List<Map.Entry<String, String>> data = WindowsExports.eventData(e);
                if (data.size() < 2 || table.find(e.provider(), e.eventId(), version(e), data.size()) == null) {
                    continue;
                }
                Map<String, String> unnamed = new LinkedHashMap<>();
                e.fields().forEach((k, v) -> {
                    if (data.stream().noneMatch(d -> d.getKey().equals(k))) {
                        unnamed.put(k, v);
                    }
                });
                for (int i = 0; i < data.size(); i++) {
                    unnamed.put(i == 0 ? "Data" : "Data_" + i, data.get(i).getValue());
                }
                RawEvent carved = new RawEvent(e.source(), e.recordId(), e.time(), e.provider(), e.channel(), e.eventId(),
                        e.computer(), unnamed, RawEvent.RECOVERED);
                List<RawEvent> out = new ArrayList<>();
                new PositionalNames(null, table).naming(new EventSink() {
                    @Override
                    public void accept(RawEvent event) {
                        out.add(event);
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                        throw new AssertionError(reason);
                    }
                }, PositionalNames.warningsOfOneInput()).accept(carved);
                assertEquals(1, out.size());
                assertTrue(out.get(0).recovered(), f + " record " + e.recordId() + " keeps Recovered");
                for (Map.Entry<String, String> d : data) {
                    assertEquals(d.getValue(), out.get(0).fields().get(d.getKey()), "named back: " + d.getKey());
                }
                checked++;
            }
        }
        assertTrue(checked > 20, checked + " real events of known layouts");
    }

    private static int version(RawEvent e) {
        String v = e.field("Version");
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip());
    }
}
