package dev.th.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One JSON object per line, for the JSON flow readers: each object is handed over with its line
 * number; a line that is not a JSON object is rejected. Values are looked up by dotted name, as a
 * flat key ({@code "id.orig_h"}) or through nested objects ({@code "source": {"ip": ...}}); an
 * Elasticsearch hit is read from its {@code _source}.
 */
final class JsonFlowLines {
    private static final ObjectReader JSON = new ObjectMapper().reader();

    interface Handler {
        void object(JsonNode node, long line);
    }

    private JsonFlowLines() {
    }

    static void read(InputStream in, FlowSink sink, Handler handler) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        long n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (n == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                sink.reject(n, "line " + n + ": not JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.reject(n, "line " + n + ": not a JSON object");
                continue;
            }
            if (node.path("_source").isObject()) {
                node = node.get("_source");
            }
            handler.object(node, n);
        }
    }

    /** The value at dotted {@code name} as text: null when absent or null; arrays joined with commas. */
    static String text(JsonNode node, String name) {
        JsonNode v = find(node, name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : v) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(e.isValueNode() ? e.asText() : e.toString());
            }
            return sb.toString();
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "true" : "false";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** A flat dotted key first, then nested objects, then mixed ({@code "source": {"geo.ip": ...}}). */
    static JsonNode find(JsonNode node, String name) {
        JsonNode flat = node.get(name);
        if (flat != null) {
            return flat;
        }
        int dot = name.indexOf('.');
        while (dot > 0) {
            JsonNode child = node.get(name.substring(0, dot));
            if (child != null && child.isObject()) {
                JsonNode v = find(child, name.substring(dot + 1));
                if (v != null) {
                    return v;
                }
            }
            dot = name.indexOf('.', dot + 1);
        }
        return null;
    }
}
