package dev.th.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of one event being built, in document order. A name met twice keeps both values:
 * the second goes under {@code name_2} (then {@code _3} ...), so nothing is dropped.
 */
final class FieldMap {
    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Adds a value; a null value is kept as an empty string. */
    void add(String name, String value) {
        String v = value == null ? "" : value;
        if (fields.putIfAbsent(name, v) == null) {
            return;
        }
        for (int i = 2; ; i++) {
            if (fields.putIfAbsent(name + "_" + i, v) == null) {
                return;
            }
        }
    }

    /** Sets a value, replacing any value the name had. */
    void set(String name, String value) {
        fields.put(name, value);
    }

    String get(String name) {
        return fields.get(name);
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    Map<String, String> map() {
        return fields;
    }

    /**
     * The text of a leaf: strings as they are, numbers in decimal as written, booleans as
     * true/false, null as empty; an array of scalars joined with ", ", anything else as JSON.
     */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode item : node) {
                if (!item.isValueNode() && !item.isNull()) {
                    return node.toString();
                }
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(text(item));
            }
            return sb.toString();
        }
        return node.toString();
    }
}
