package dev.th.normalize;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real events as RawEvents for the normalizer's tests, read with Jackson until the EVTX and JSON
 * readers are on main: evtx_dump JSON twins (System and EventData flattened into the field names
 * of RawEvent's Javadoc) and OTRF JSON lines (one flat event per line).
 */
final class TestEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter OTRF_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private TestEvents() {
    }

    /** Every event of an evtx_dump style JSON file (one or more concatenated objects). */
    static List<RawEvent> evtxDumpJson(Path file) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (JsonParser p = JSON.getFactory().createParser(file.toFile());
                MappingIterator<JsonNode> it = JSON.readValues(p, JsonNode.class)) {
            long n = 0;
            while (it.hasNext()) {
                out.add(fromEvtxDump(it.next(), file.toString(), ++n));
            }
        }
        return out;
    }

    private static RawEvent fromEvtxDump(JsonNode root, String path, long n) {
        JsonNode event = root.path("Event");
        Map<String, String> f = new LinkedHashMap<>();
        flattenSystem(event.path("System"), f);
        JsonNode data = event.path("EventData");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("#attributes")) {
                f.put(e.getKey(), text(e.getValue()));
            }
        }
        flattenLeaves(event.path("UserData"), f);
        long record = Long.parseLong(f.get("EventRecordID"));
        return new RawEvent(new SourceRef(path, "test", n), record, Instant.parse(f.get("TimeCreated_SystemTime")),
                f.get("Provider_Name"), f.get("Channel"), Integer.parseInt(f.get("EventID")), f.get("Computer"), f);
    }

    private static void flattenSystem(JsonNode system, Map<String, String> f) {
        for (Iterator<Map.Entry<String, JsonNode>> it = system.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                JsonNode attrs = v.path("#attributes");
                for (Iterator<Map.Entry<String, JsonNode>> a = attrs.fields(); a.hasNext();) {
                    Map.Entry<String, JsonNode> attr = a.next();
                    f.put(e.getKey() + "_" + attr.getKey(), text(attr.getValue()));
                }
                if (v.has("#text")) {
                    f.put(e.getKey(), text(v.get("#text")));
                }
            } else if (!v.isNull()) {
                f.put(e.getKey(), text(v));
            }
        }
    }

    private static void flattenLeaves(JsonNode node, Map<String, String> f) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                flattenLeaves(e.getValue(), f);
            } else if (!e.getKey().equals("#attributes")) {
                f.put(e.getKey(), text(e.getValue()));
            }
        }
    }

    /** Every event of every member of an OTRF zip of JSON lines. */
    static List<RawEvent> otrfZip(Path zip) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                long line = 0;
                for (String s = r.readLine(); s != null; s = r.readLine()) {
                    line++;
                    if (!s.isBlank()) {
                        out.add(fromOtrf(JSON.readTree(s), zip + "!" + entry.getName(), line));
                    }
                }
            }
        }
        return out;
    }

    private static RawEvent fromOtrf(JsonNode o, String path, long line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNull()) {
                f.put(e.getKey(), text(e.getValue()));
            }
        }
        String ts = f.getOrDefault("@timestamp", f.get("TimeCreated"));
        Instant time = ts.indexOf('T') > 0 ? Instant.parse(ts) : LocalDateTime.parse(ts, OTRF_TIME).toInstant(ZoneOffset.UTC);
        return new RawEvent(new SourceRef(path, "test", line), line, time, f.get("SourceName"), f.get("Channel"),
                Integer.parseInt(f.get("EventID")), f.get("Hostname"), f);
    }

    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
