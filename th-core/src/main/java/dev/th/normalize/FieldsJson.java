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

    /** One builder per thread, reused: only the resulting String is allocated per event. */
    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(4096));

    static String write(Map<String, String> fields) {
        StringBuilder sb = BUILDER.get();
        if (sb.capacity() > 1 << 20) {
            sb = new StringBuilder(4096); // do not keep a huge buffer after one huge event
            BUILDER.set(sb);
        }
        sb.setLength(0);
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

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        int len = s.length();
        int first = 0;
        while (first < len) {
            char c = s.charAt(first);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            first++;
        }
        if (first == len) { // nothing to escape (the usual case): one bulk copy
            sb.append(s).append('"');
            return;
        }
        int start = 0;
        for (int i = first; i < len; i++) {
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
