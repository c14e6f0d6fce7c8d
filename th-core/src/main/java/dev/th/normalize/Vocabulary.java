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
    static final String STATUSES = "statuses.tsv";

    private static volatile Vocabulary standard;

    private final Map<Integer, String> messages;
    /** Lower-case prefix -> replacement, longest first (file order). */
    private final List<String[]> hives;
    private final Map<String, String> sids;
    /** {@code kind|code} (code in lower case, hex without leading zeros) -> text. */
    private final Map<String, String> statuses;

    private Vocabulary(Map<Integer, String> messages, List<String[]> hives, Map<String, String> sids,
            Map<String, String> statuses) {
        this.messages = messages;
        this.hives = hives;
        this.sids = sids;
        this.statuses = statuses;
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
        Map<String, String> statuses = new HashMap<>();
        for (String[] row : rows(STATUSES, 3)) {
            String code = statusCode(row[1]);
            if (code == null || statuses.put(row[0] + '|' + code, row[2]) != null) {
                throw new IllegalArgumentException(STATUSES + ": code '" + row[1] + "' of " + row[0] + " is not a hex number or is listed twice");
            }
        }
        return new Vocabulary(Map.copyOf(messages), List.copyOf(hives), Map.copyOf(sids), Map.copyOf(statuses));
    }

    /**
     * A failure code of kind {@code kind} ({@code ntstatus}, {@code kerberos}) with its meaning:
     * {@code "0xc000006a wrong password"}; a code the table lacks as written.
     */
    String status(String kind, String code) {
        String key = statusCode(code);
        String text = key == null ? null : statuses.get(kind + '|' + key);
        return text == null ? code : key + ' ' + text;
    }

    /** {@code 0xC000006A} and {@code 0xc000006a} as {@code 0xc000006a}; {@code 0x00000018} as {@code 0x18}; null when not hex. */
    private static String statusCode(String code) {
        if (code == null || code.length() < 3 || code.charAt(0) != '0' || (code.charAt(1) | 0x20) != 'x') {
            return null;
        }
        try {
            return "0x" + Long.toHexString(Long.parseLong(code.substring(2), 16));
        } catch (NumberFormatException e) {
            return null;
        }
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
        return rows(name, 2);
    }

    /** The rows of table {@code name}: {@code cells} tab-separated cells each, none blank. */
    private static List<String[]> rows(String name, int cells) {
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
                String[] row = s.split("\t", -1);
                boolean blank = row.length != cells;
                for (int i = 0; i < row.length && !blank; i++) {
                    row[i] = row[i].trim();
                    blank = row[i].isEmpty();
                }
                if (blank) {
                    throw new IllegalArgumentException(name + ":" + line + ": expected " + cells + " tab-separated cells");
                }
                out.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
        return out;
    }
}
