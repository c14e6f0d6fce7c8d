package dev.th.normalize;

import java.util.Map;

/**
 * Writes an event's fields as a JSON object of strings, as Jackson writes a
 * {@code Map<String,String>} (same escapes), without Jackson's per-call overhead.
 */
final class FieldsJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FieldsJson() {
    }

    static String write(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder(estimate(fields));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            string(sb, e.getKey());
            sb.append(':');
            if (e.getValue() == null) {
                sb.append("null");
            } else {
                string(sb, e.getValue());
            }
        }
        return sb.append('}').toString();
    }

    private static int estimate(Map<String, String> fields) {
        int n = 2;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String v = e.getValue();
            n += e.getKey().length() + (v == null ? 4 : v.length()) + 6;
        }
        return n;
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        int start = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            sb.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        sb.append(s, start, len).append('"');
    }
}
