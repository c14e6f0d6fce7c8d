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
import java.util.StringJoiner;

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
     * {@code v} with its {@code %%nnnn} message ids replaced by their text. A value made of ids
     * only (an AccessList is one id per line) becomes their texts joined by ", "; in any other
     * value each known id is replaced where it stands and the rest is kept as written, so that
     * {@code %%SystemRoot%%\PSEXESVC.exe} stays a path. Ids the table lacks stay as written.
     */
    String resolve(String v) {
        if (v == null || v.indexOf("%%") < 0) {
            return v;
        }
        List<String> ids = idsOnly(v);
        if (ids != null) {
            StringJoiner out = new StringJoiner(", ");
            for (String id : ids) {
                String text = messages.get(Integer.parseInt(id.substring(2)));
                out.add(text != null ? text : id);
            }
            return out.toString();
        }
        StringBuilder out = new StringBuilder(v.length());
        int i = 0;
        for (int at = v.indexOf("%%"); at >= 0; at = v.indexOf("%%", i)) {
            int end = digitsEnd(v, at + 2);
            String text = end > at + 2 ? messages.get(Integer.parseInt(v.substring(at + 2, end))) : null;
            out.append(v, i, at).append(text != null ? text : v.substring(at, Math.max(end, at + 2)));
            i = Math.max(end, at + 2);
        }
        return out.append(v, i, v.length()).toString();
    }

    /** The {@code %%nnnn} tokens of {@code v} when it holds nothing else but white space, else null. */
    private static List<String> idsOnly(String v) {
        List<String> ids = new ArrayList<>();
        for (String token : v.strip().split("\\s+")) {
            if (!token.startsWith("%%") || digitsEnd(token, 2) != token.length() || token.length() == 2) {
                return null;
            }
            ids.add(token);
        }
        return ids;
    }

    private static int digitsEnd(String v, int from) {
        int end = from;
        while (end < v.length() && Character.isDigit(v.charAt(end)) && end - from < 9) {
            end++;
        }
        return end;
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
