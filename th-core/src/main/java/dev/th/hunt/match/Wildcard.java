package dev.th.hunt.match;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sigma string patterns compiled to fast tests: {@code *} and {@code ?} wildcards, with
 * {@code \*}, {@code \?} and {@code \\} escapes. Plain, prefix, suffix and infix patterns become
 * equals/startsWith/endsWith/indexOf on the shared lower-cased value; several {@code *} segments
 * are found in order with indexOf; only {@code ?} needs a regular expression (RE2/J: linear in the value,
 * where java.util.regex backtracks over every {@code *} before a {@code ?}).
 */
public final class Wildcard {
    private static final char STAR = '\uE000';
    private static final char QMARK = '\uE001';

    private Wildcard() {
    }

    /**
     * Decodes a Sigma string into pattern text where unescaped wildcards are private-use marks.
     */
    public static String decode(String sigma) {
        StringBuilder b = new StringBuilder(sigma.length());
        for (int i = 0; i < sigma.length(); i++) {
            char c = sigma.charAt(i);
            if (c == '\\' && i + 1 < sigma.length()) {
                char n = sigma.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    b.append(n);
                    i++;
                    continue;
                }
            }
            b.append(c == '*' ? STAR : c == '?' ? QMARK : c);
        }
        return b.toString();
    }

    /** Whether a decoded pattern has wildcards. */
    public static boolean hasWildcards(String decoded) {
        return decoded.indexOf(STAR) >= 0 || decoded.indexOf(QMARK) >= 0;
    }

    /** Escapes plain text so it decodes back to itself. */
    public static String escape(String plain) {
        return plain.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    /** Adds wildcards for contains / startswith / endswith to a decoded pattern. */
    public static String wrap(String decoded, boolean before, boolean after) {
        return (before ? String.valueOf(STAR) : "") + decoded + (after ? String.valueOf(STAR) : "");
    }

    /** Compiles a decoded pattern into a test; case-insensitive unless {@code cased}. */
    public static ValueTest compile(String decoded, boolean cased) {
        String p = cased ? decoded : decoded.toLowerCase(Locale.ROOT);
        if (p.indexOf(QMARK) >= 0) {
            return regex(p, cased);
        }
        List<String> parts = split(p);
        boolean lead = p.startsWith(String.valueOf(STAR));
        boolean trail = p.endsWith(String.valueOf(STAR)) && p.length() > 0;
        if (parts.isEmpty()) {
            return lead ? (raw, lower) -> true : cased ? (raw, lower) -> raw.isEmpty() : new ValueTest.Literal(ValueTest.Kind.EQUALS, "");
        }
        if (parts.size() == 1) {
            String s = parts.get(0);
            ValueTest.Kind kind = !lead && !trail ? ValueTest.Kind.EQUALS : lead && trail ? ValueTest.Kind.CONTAINS
                    : lead ? ValueTest.Kind.ENDSWITH : ValueTest.Kind.STARTSWITH;
            if (!cased) {
                return new ValueTest.Literal(kind, s);
            }
            return new ValueTest.Cased(kind, s);
        }
        return new ValueTest.Segments(parts.toArray(String[]::new), lead, trail, cased);
    }

    private static List<String> split(String p) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= p.length(); i++) {
            if (i == p.length() || p.charAt(i) == STAR) {
                if (i > start) {
                    parts.add(p.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    private static ValueTest regex(String p, boolean cased) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == STAR || c == QMARK) {
                if (lit.length() > 0) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(c == STAR ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            re.append(Pattern.quote(lit.toString()));
        }
        Pattern pat = Pattern.compile(re.toString(), Pattern.DOTALL);
        return cased ? (raw, lower) -> pat.matcher(raw).matches() : (raw, lower) -> pat.matcher(lower).matches();
    }
}
