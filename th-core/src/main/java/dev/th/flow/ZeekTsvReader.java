package dev.th.flow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads Zeek's TSV logs ({@code conn}, {@code dns}, {@code http}, {@code ssl}): the header's
 * {@code #separator}, {@code #unset_field}, {@code #empty_field}, {@code #path} and {@code #fields}
 * lines say how to read the data lines that follow (a file may hold several logs one after the
 * other, each with its header). An unset value ({@code -}) is null, an empty one
 * ({@code (empty)}) is empty, {@code \xNN} escapes are decoded. A data line with the wrong number
 * of fields, before any {@code #fields} line, or with a value that does not parse is rejected
 * with its line number.
 */
public final class ZeekTsvReader implements FlowReader {

    @Override
    public void read(InputStream in, String path, FlowSink sink) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Header h = new Header();
        Row row = new Row(h);
        String line;
        long n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                h.directive(line);
                continue;
            }
            if (h.index == null) {
                sink.reject(n, "line " + n + ": data before the #fields header line");
                continue;
            }
            if (!ZeekRecords.LOGS.contains(h.log)) {
                sink.reject(n, "line " + n + ": a Zeek " + h.log + " log (TH reads Zeek's conn, dns, http and ssl logs)");
                continue;
            }
            if (!row.split(line)) {
                sink.reject(n, "line " + n + ": " + row.count + " fields where the header names " + h.names.length);
                continue;
            }
            try {
                ZeekRecords.emit(h.log, row, n, sink);
            } catch (IllegalArgumentException e) {
                sink.reject(n, "line " + n + ": " + e.getMessage());
            }
        }
    }

    /** What the header lines said so far. */
    private static final class Header {
        char separator = '\t';
        String unset = "-";
        String empty = "(empty)";
        String log = "conn";
        String[] names;
        Map<String, Integer> index;

        void directive(String line) {
            int sp = line.indexOf(' ');
            int tab = line.indexOf('\t');
            if (line.startsWith("#separator")) {
                String v = line.substring("#separator".length()).strip();
                String decoded = decode(v);
                if (!decoded.isEmpty()) { // a bare '#separator' keeps the tab
                    separator = decoded.charAt(0);
                }
                return;
            }
            int at = tab >= 0 ? tab : sp;
            if (at < 0) {
                return;
            }
            String key = line.substring(0, at);
            String value = line.substring(at + 1);
            switch (key) {
                case "#unset_field" -> unset = value;
                case "#empty_field" -> empty = value;
                case "#path" -> log = value.strip();
                case "#fields" -> {
                    names = value.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
                    index = new HashMap<>();
                    for (int i = 0; i < names.length; i++) {
                        index.put(names[i], i);
                    }
                }
                default -> {
                    // #set_separator, #open, #close, #types: nothing to keep
                }
            }
        }
    }

    /** One data line, split in place. */
    private static final class Row implements ZeekRecords.Fields {
        private final Header h;
        private String[] values = new String[32];
        int count;

        Row(Header h) {
            this.h = h;
        }

        boolean split(String line) {
            int expected = h.names.length;
            if (values.length < expected + 1) {
                values = new String[expected + 1];
            }
            count = 0;
            int from = 0;
            char sep = h.separator;
            while (true) {
                int to = line.indexOf(sep, from);
                if (count < values.length) {
                    values[count] = to < 0 ? line.substring(from) : line.substring(from, to);
                }
                count++;
                if (to < 0) {
                    break;
                }
                from = to + 1;
            }
            return count == expected;
        }

        @Override
        public String get(String name) {
            Integer i = h.index.get(name);
            if (i == null) {
                return null;
            }
            String v = values[i];
            if (v.equals(h.unset)) {
                return null;
            }
            if (v.equals(h.empty)) {
                return "";
            }
            return v.indexOf("\\x") >= 0 ? decode(v) : v;
        }
    }

    /** Decodes Zeek's {@code \xNN} escapes. */
    static String decode(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 3 < v.length() && v.charAt(i + 1) == 'x'
                    && Character.digit(v.charAt(i + 2), 16) >= 0 && Character.digit(v.charAt(i + 3), 16) >= 0) {
                sb.append((char) Integer.parseInt(v.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
