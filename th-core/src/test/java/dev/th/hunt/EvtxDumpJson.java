package dev.th.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the evtx_dump JSON twins of the regression pairs (concatenated {"Event": ...} objects)
 * into raw events with the field names of {@link RawEvent}'s Javadoc: System attributes as
 * {@code Provider_Name}, {@code Execution_ProcessID}, ..., EventData by name, UserData leaves by
 * element name. Test support until the EVTX reader lands.
 */
final class EvtxDumpJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvtxDumpJson() {
    }

    static List<RawEvent> read(Path file) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            int n = 0;
            while (it.hasNext()) {
                out.add(event(it.next().path("Event"), file.toString(), n++));
            }
        }
        return out;
    }

    static RawEvent event(JsonNode ev, String path, long index) {
        Map<String, String> f = new LinkedHashMap<>();
        JsonNode sys = ev.path("System");
        for (Iterator<Map.Entry<String, JsonNode>> it = sys.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                if (v.has("#text")) {
                    f.put(e.getKey(), text(v.get("#text")));
                }
                for (Iterator<Map.Entry<String, JsonNode>> a = v.path("#attributes").fields(); a.hasNext();) {
                    Map.Entry<String, JsonNode> at = a.next();
                    f.put(e.getKey() + "_" + at.getKey(), text(at.getValue()));
                }
            } else if (!v.isNull()) {
                f.put(e.getKey(), text(v));
            }
        }
        for (String section : List.of("EventData", "UserData")) {
            JsonNode data = ev.path(section);
            if (data.isObject()) {
                leaves(data, f);
            }
        }
        String time = f.get("TimeCreated_SystemTime");
        String eid = f.get("EventID");
        return new RawEvent(new SourceRef(path, "", index), parseLong(f.get("EventRecordID")),
                time == null ? null : Instant.parse(time), f.get("Provider_Name"), f.get("Channel"),
                eid == null ? 0 : Integer.parseInt(eid), f.get("Computer"), f);
    }

    private static void leaves(JsonNode node, Map<String, String> f) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("#attributes")) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isObject()) {
                leaves(v, f);
            } else if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(x -> parts.add(text(x)));
                f.put(e.getKey(), String.join(",", parts));
            } else {
                f.put(e.getKey(), v.isNull() ? "" : text(v));
            }
        }
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.textValue() : v.toString();
    }

    private static long parseLong(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
