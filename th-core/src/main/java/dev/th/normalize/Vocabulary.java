package dev.th.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The value tables that make values comparable across logs: message ids ({@code msgids.tsv}),
 * registry hive spellings ({@code hives.tsv}) and well-known SIDs ({@code sids.tsv}), beside this
 * class. Loaded once, shared read-only.
 */
final class Vocabulary {
    static final String MESSAGE_IDS = "msgids.tsv";
    static final String HIVES = "hives.tsv";
    static final String SIDS = "sids.tsv";

    private static volatile Vocabulary standard;

    private final Map<Integer, String> messages;
    /** Lower-case prefix -> replacement, longest first (file order). */
    private final List<String[]> hives;
    private final Map<String, String> sids;

    private Vocabulary(Map<Integer, String> messages, List<String[]> hives, Map<String, String> sids) {
        this.messages = messages;
        this.hives = hives;
        this.sids = sids;
    }

    static Vocabulary standard() {
        Vocabulary v = standard;
        if (v == null) {
            synchronized (Vocabulary.class) {
                v = standard;
                if (v == null) {
                    v = load();
                    standard = v;
                }
            }
        }
        return v;
    }

    private static Vocabulary load() {
        Map<Integer, String> messages = new HashMap<>();
        for (String[] row : pairs(MESSAGE_IDS)) {
            int id;
            try {
                id = Integer.parseInt(row[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(MESSAGE_IDS + ": message id '" + row[0] + "' is not a number");
            }
            if (messages.put(id, row[1]) != null) {
                throw new IllegalArgumentException(MESSAGE_IDS + ": message id " + id + " is listed twice");
            }
        }
        List<String[]> hives = new ArrayList<>();
        for (String[] row : pairs(HIVES)) {
            hives.add(new String[] {row[0].toLowerCase(Locale.ROOT), row[1]});
        }
        Map<String, String> sids = new LinkedHashMap<>();
        for (String[] row : pairs(SIDS)) {
            sids.put(row[0].toUpperCase(Locale.ROOT), row[1]);
        }
        return new Vocabulary(Map.copyOf(messages), List.copyOf(hives), Map.copyOf(sids));
    }

    /** The text of message id {@code id}, or null when the table lacks it. */
    String message(int id) {
        return messages.get(id);
    }

    /**
     * {@code v} with every {@code %%nnnn} of the table replaced by its text, several joined by
     * ", " (an AccessList is one id per line); ids the table lacks stay as written. {@code v}
     * itself when it holds no {@code %%}.
     */
    String resolve(String v) {
        if (v == null || v.indexOf("%%") < 0) {
            return v;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = v.length();
        while (i < n) {
            int at = v.indexOf("%%", i);
            if (at < 0) {
                appendPart(out, v.substring(i));
                break;
            }
            appendPart(out, v.substring(i, at));
            int end = at + 2;
            while (end < n && Character.isDigit(v.charAt(end)) && end - at < 12) {
                end++;
            }
            String text = end > at + 2 ? messages.get(Integer.parseInt(v.substring(at + 2, end))) : null;
            appendPart(out, text != null ? text : v.substring(at, end));
            i = end;
        }
        return out.toString();
    }

    private static void appendPart(StringBuilder out, String part) {
        String p = part.strip();
        if (p.isEmpty()) {
            return;
        }
        if (out.length() > 0) {
            out.append(", ");
        }
        out.append(p);
    }

    /** A registry path in Sysmon's spelling ({@code \REGISTRY\MACHINE\X} as {@code HKLM\X}). */
    String hive(String key) {
        if (key == null || key.isEmpty() || key.charAt(0) != '\\') {
            return key;
        }
        for (String[] h : hives) {
            String prefix = h[0];
            int n = prefix.length();
            if (key.length() >= n && key.regionMatches(true, 0, prefix, 0, n)
                    && (key.length() == n || key.charAt(n) == '\\')) {
                return h[1] + key.substring(n);
            }
        }
        return key;
    }

    /** The account of a well-known SID ({@code S-1-5-18}: {@code NT AUTHORITY\SYSTEM}), or null. */
    String wellKnownSid(String sid) {
        return sid == null ? null : sids.get(sid.trim().toUpperCase(Locale.ROOT));
    }

    /** The well-known SIDs and their accounts. */
    Map<String, String> wellKnownSids() {
        return sids;
    }

    private static List<String[]> pairs(String name) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Vocabulary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource dev/th/normalize/" + name + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int line = 0;
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                if (s.isBlank() || s.startsWith("#")) {
                    continue;
                }
                String[] cells = s.split("\t", -1);
                if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
                    throw new IllegalArgumentException(name + ":" + line + ": expected two tab-separated cells");
                }
                out.add(new String[] {cells[0].trim(), cells[1].trim()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
        return out;
    }
}
