package dev.th.normalize;

import dev.th.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application kinds of a binary, by file name, from the lists shipped in
 * {@code dev/th/normalize/kinds/}: {@code kinds.tsv} (TH's own: interpreters, the ATT&CK tools'
 * binaries as admin or hacking tools, generic names taken out), {@code lolrmm.tsv}'s binaries
 * (remoteaccess) and {@code lolbas.tsv}'s names (admintool). A binary may have several kinds.
 * Immutable and thread-safe.
 */
public final class KindTable {
    static final String DIR = "/dev/th/normalize/kinds/";
    private static final KindTable STANDARD = load();

    private final Map<String, String> labels;
    /** The same map as an open-addressing table probed without allocating: keys lower case, values the labels. */
    private final String[] keys;
    private final String[] values;
    private final int mask;

    private KindTable(Map<String, String> labels) {
        this.labels = labels;
        int size = Integer.highestOneBit(Math.max(16, labels.size() * 4));
        keys = new String[size];
        values = new String[size];
        mask = size - 1;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String k = e.getKey();
            int i = hash(k, 0, k.length()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = e.getValue();
        }
    }

    /** The labels of the last path component of {@code s}, case ignored; null when none. */
    private String lookup(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) <= ' ') {
            end--;
        }
        int start = end;
        while (start > 0 && s.charAt(start - 1) != '\\' && s.charAt(start - 1) != '/') {
            start--;
        }
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        int len = end - start;
        for (int i = hash(s, start, end) & mask; keys[i] != null; i = (i + 1) & mask) {
            String k = keys[i];
            if (k.length() == len && s.regionMatches(true, start, k, 0, len)) {
                return values[i];
            }
        }
        return null;
    }

    /** A hash of {@code s[start, end)} in lower case (ASCII folded; other characters as they are). */
    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (c > 127) {
                c = Character.toLowerCase(c);
            }
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }

    /** The table of the shipped lists. */
    public static KindTable standard() {
        return STANDARD;
    }

    /**
     * The kinds of a binary known by its file name (or path) and the OriginalFileName of its
     * version resource (either may be null), as the stored text: labels in {@link Kind} order
     * joined by commas, e.g. {@code interpreter,admintool}; null when it has none.
     */
    public String kinds(String fileOrPath, String originalFileName) {
        String a = fileOrPath == null ? null : lookup(fileOrPath);
        String b = originalFileName == null ? null : lookup(originalFileName);
        if (a == null || b == null || a.equals(b)) {
            return a != null ? a : b;
        }
        return join(parse(a, parse(b, EnumSet.noneOf(Kind.class))));
    }

    /** Every file name of {@code kind}, lower case (for a filter on a column that holds names). */
    public List<String> names(Kind kind) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (parse(e.getValue(), EnumSet.noneOf(Kind.class)).contains(kind)) {
                out.add(e.getKey());
            }
        }
        out.sort(null);
        return out;
    }

    /** The last path component in lower case ({@code C:\x\PowerShell.EXE} gives {@code powershell.exe}). */
    static String name(String fileOrPath) {
        String s = fileOrPath.trim();
        int cut = Math.max(s.lastIndexOf('\\'), s.lastIndexOf('/'));
        return s.substring(cut + 1).toLowerCase(Locale.ROOT);
    }

    private static EnumSet<Kind> parse(String joined, EnumSet<Kind> into) {
        for (String l : joined.split(",")) {
            into.add(Kind.parse(l));
        }
        return into;
    }

    private static String join(Set<Kind> kinds) {
        StringBuilder sb = new StringBuilder();
        for (Kind k : kinds) {
            sb.append(sb.length() == 0 ? "" : ",").append(k.label());
        }
        return sb.toString();
    }

    private static KindTable load() {
        Map<String, EnumSet<Kind>> kinds = new HashMap<>();
        Set<String> notRemote = new HashSet<>();
        for (String[] r : rows("kinds.tsv", 3)) {
            if (r[1].equals("-remoteaccess")) {
                notRemote.add(r[0].toLowerCase(Locale.ROOT));
            } else {
                add(kinds, r[0], Kind.parse(r[1]));
            }
        }
        for (String[] r : rows("lolrmm.tsv", 2)) {
            for (String bin : r.length > 2 ? r[2].split(",") : new String[0]) {
                String b = bin.trim().toLowerCase(Locale.ROOT);
                // names with a wildcard or without an extension are not file names a row can hold
                if (!b.isEmpty() && !b.contains("*") && b.indexOf('.') > 0 && !notRemote.contains(b)) {
                    add(kinds, b, Kind.REMOTEACCESS);
                }
            }
        }
        for (String[] r : rows("lolbas.tsv", 2)) {
            add(kinds, r[0], Kind.ADMINTOOL);
        }
        Map<String, String> labels = new HashMap<>();
        kinds.forEach((name, set) -> labels.put(name, join(set)));
        return new KindTable(Map.copyOf(labels));
    }

    private static void add(Map<String, EnumSet<Kind>> kinds, String name, Kind kind) {
        kinds.computeIfAbsent(name.trim().toLowerCase(Locale.ROOT), k -> EnumSet.noneOf(Kind.class)).add(kind);
    }

    /** The data rows of a shipped list (comments, blank lines and the header row skipped), tab-split. */
    static List<String[]> rows(String file, int minColumns) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = KindTable.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("the kind list " + DIR + file + " is missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = !file.equals("kinds.tsv");
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length < minColumns || cols[0].isBlank()) {
                    throw new IllegalStateException(file + " line " + n + ": expected " + minColumns + " tab-separated columns");
                }
                out.add(cols);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR + file, e);
        }
        return out;
    }
}
