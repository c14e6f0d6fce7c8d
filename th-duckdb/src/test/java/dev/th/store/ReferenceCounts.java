package dev.th.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code reference-counts.json} of the shared data: independent counts per file (python-evtx). */
final class ReferenceCounts {
    private final JsonNode root;

    private ReferenceCounts(JsonNode root) {
        this.root = root;
    }

    static ReferenceCounts load() throws IOException {
        return new ReferenceCounts(new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile()));
    }

    /** Every EVTX file (relative to shared/data) with its entry. */
    Map<String, JsonNode> evtx() {
        return fields(root.get("evtx"));
    }

    /** Every zip (relative to shared/data) with its entry (members[] with events, by_channel_eventid). */
    Map<String, JsonNode> zips() {
        return fields(root.get("otrf_json_zips"));
    }

    static Map<String, Long> byChannelEventId(JsonNode entry) {
        Map<String, Long> m = new TreeMap<>();
        entry.get("by_channel_eventid").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }

    static Path data(String relative) {
        return SharedData.require(relative);
    }

    private static Map<String, JsonNode> fields(JsonNode n) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }
}
