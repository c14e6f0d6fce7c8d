package dev.th.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Flattens the parts of an evtx_dump event: {@code #attributes} become {@code Element_Attribute}
 * ({@code Provider_Name}, {@code Execution_ProcessID}), {@code #text} the element's own value,
 * namespace declarations are left out (they are markup, not data).
 */
final class EvtxDumpFlattener {
    private EvtxDumpFlattener() {
    }

    /** The System element: {@code TimeCreated/#attributes/SystemTime} becomes {@code TimeCreated}. */
    static void system(JsonNode system, FieldMap f) {
        for (Iterator<Map.Entry<String, JsonNode>> it = system.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!v.isObject()) { // null: an empty element (<Correlation/>), kept empty as the EVTX reader keeps it
                f.add(name, FieldMap.text(v));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> c = v.fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> child = c.next();
                switch (child.getKey()) {
                    case "#attributes" -> attributes(name, child.getValue(), f, "TimeCreated".equals(name));
                    case "#text" -> f.add(name, FieldMap.text(child.getValue()));
                    default -> prefixed(name + "_" + child.getKey(), child.getValue(), f);
                }
            }
        }
    }

    /** EventData fields by name, UserData leaves by element name; null values kept empty. */
    static void data(JsonNode node, FieldMap f) {
        if (node == null || !node.isObject()) {
            if (node != null && !node.isNull()) {
                f.add("Data", FieldMap.text(node));
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            leaf(e.getKey(), e.getValue(), f);
        }
    }

    private static void leaf(String name, JsonNode v, FieldMap f) {
        if (name.equals("#attributes")) {
            return; // attributes of the EventData/UserData wrapper itself (xmlns)
        }
        if (v.isArray()) {
            for (JsonNode item : v) {
                leaf(name, item, f);
            }
        } else if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> c = v.fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> child = c.next();
                switch (child.getKey()) {
                    case "#attributes" -> attributes(name, child.getValue(), f, false);
                    case "#text" -> leaf(name, child.getValue(), f);
                    default -> leaf(child.getKey(), child.getValue(), f);
                }
            }
        } else {
            f.add(name, FieldMap.text(v));
        }
    }

    /** Any other part of the event (RenderingInfo ...): leaves as {@code Part_leaf}. */
    static void prefixed(String prefix, JsonNode v, FieldMap f) {
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> c = v.fields(); c.hasNext(); ) {
                Map.Entry<String, JsonNode> child = c.next();
                switch (child.getKey()) {
                    case "#attributes" -> attributes(prefix, child.getValue(), f, false);
                    case "#text" -> f.add(prefix, FieldMap.text(child.getValue()));
                    default -> prefixed(prefix + "_" + child.getKey(), child.getValue(), f);
                }
            }
        } else if (!v.isNull()) {
            f.add(prefix, FieldMap.text(v));
        }
    }

    private static void attributes(String element, JsonNode attrs, FieldMap f, boolean timeCreated) {
        for (Iterator<Map.Entry<String, JsonNode>> a = attrs.fields(); a.hasNext(); ) {
            Map.Entry<String, JsonNode> attr = a.next();
            String key = attr.getKey();
            if (key.equals("xmlns") || key.startsWith("xmlns:")) {
                continue;
            }
            String name = timeCreated && key.equals("SystemTime") ? "TimeCreated" : element + "_" + key;
            f.add(name, FieldMap.text(attr.getValue()));
        }
    }
}
