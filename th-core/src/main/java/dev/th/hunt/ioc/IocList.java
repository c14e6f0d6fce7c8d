package dev.th.hunt.ioc;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A list of indicators a user loads: one per line, optionally prefixed by its type
 * ({@code md5:}, {@code ip:}, {@code domain:}); without a prefix the type is recognised from the
 * value (32 hex digits = MD5, an IPv4/IPv6 address = IP, a host name = domain). Blank lines and
 * lines starting with {@code #} are skipped; text after a tab or {@code " #"} is a comment.
 * A line that is none of these is reported (file, line, why) and the rest is still read.
 */
public final class IocList {
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{0,62}");

    private final List<Indicator> indicators;
    private final List<String> problems;

    private IocList(List<Indicator> indicators, List<String> problems) {
        this.indicators = List.copyOf(indicators);
        this.problems = List.copyOf(problems);
    }

    /** Reads a list file. */
    public static IocList read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r.lines().toList(), file.toString());
        }
    }

    /** Parses lines; {@code name} is used in messages. Duplicates are kept once. */
    public static IocList parse(List<String> lines, String name) {
        Map<String, Indicator> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = name + ":" + (i + 1);
            String line = strip(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            try {
                Indicator ind = indicator(line, where);
                seen.putIfAbsent(ind.type() + "\0" + ind.value(), ind);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return new IocList(new ArrayList<>(seen.values()), problems);
    }

    private static String strip(String raw) {
        String s = raw.replace("\uFEFF", "");
        int tab = s.indexOf('\t');
        if (tab >= 0) {
            s = s.substring(0, tab);
        }
        int hash = s.indexOf(" #");
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        s = s.trim();
        return s.startsWith("#") ? "" : s;
    }

    /** One indicator from its text ({@code [type:]value}). */
    static Indicator indicator(String text, String where) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (IocType t : IocType.values()) {
            String prefix = t.label() + ":";
            if (lower.startsWith(prefix)) {
                String value = text.substring(prefix.length()).trim();
                if (!fits(t, value)) {
                    throw new IllegalArgumentException("'" + value + "' is not a valid " + t.label());
                }
                return new Indicator(t, canonical(t, value), where);
            }
        }
        int colon = text.indexOf(':');
        if (colon > 0 && !IPV6.matcher(text).matches() && text.substring(0, colon).matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("unknown type prefix '" + text.substring(0, colon)
                    + "'; allowed: md5, ip, domain");
        }
        for (IocType t : IocType.values()) {
            if (fits(t, text)) {
                return new Indicator(t, canonical(t, text), where);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is neither an MD5 hash, an IP address nor a domain");
    }

    private static boolean fits(IocType t, String v) {
        return switch (t) {
            case MD5 -> MD5.matcher(v).matches();
            case IP -> IPV4.matcher(v).matches() || (IPV6.matcher(v).matches() && v.indexOf(':') != v.lastIndexOf(':'));
            case DOMAIN -> DOMAIN.matcher(trimDot(v).toLowerCase(Locale.ROOT)).matches();
        };
    }

    private static String canonical(IocType t, String v) {
        return switch (t) {
            case MD5, IP -> v.toLowerCase(Locale.ROOT);
            case DOMAIN -> trimDot(v).toLowerCase(Locale.ROOT);
        };
    }

    private static String trimDot(String v) {
        return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    }

    /** The indicators read, each once. */
    public List<Indicator> indicators() {
        return indicators;
    }

    /** Lines that could not be read, as {@code file:line: reason}. */
    public List<String> problems() {
        return problems;
    }

    /** The indicators of one kind. */
    public List<Indicator> of(IocType type) {
        return indicators.stream().filter(i -> i.type() == type).toList();
    }
}
