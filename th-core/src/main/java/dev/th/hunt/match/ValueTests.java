package dev.th.hunt.match;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.function.DoublePredicate;

/** Tests for the non-string modifiers gt/gte/lt/lte, cidr and the time parts ({@code re}: {@link RuleRegex}). */
public final class ValueTests {
    private ValueTests() {
    }

    /** A number read from a field value: decimal, or hex with 0x; NaN when not a number. */
    public static double number(String v) {
        if (v == null) {
            return Double.NaN;
        }
        String s = v.trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return new BigInteger(s.substring(2), 16).doubleValue();
            }
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** gt/gte/lt/lte against a number. */
    public static ValueTest compare(String op, double bound) {
        DoublePredicate p = compareOp(op, bound);
        return (raw, lower) -> {
            double d = number(raw);
            return !Double.isNaN(d) && p.test(d);
        };
    }

    /** The predicate of a comparison operator (gt, gte, lt, lte, eq, neq). */
    public static DoublePredicate compareOp(String op, double bound) {
        return switch (op) {
            case "gt" -> d -> d > bound;
            case "gte" -> d -> d >= bound;
            case "lt" -> d -> d < bound;
            case "lte" -> d -> d <= bound;
            case "eq" -> d -> d == bound;
            case "neq" -> d -> d != bound;
            default -> throw new IllegalArgumentException("unknown comparison '" + op + "'");
        };
    }

    /** A time part (minute, hour, day, week, month, year) of a date-time value, compared. */
    public static ValueTest timePart(String part, DoublePredicate p) {
        return (raw, lower) -> {
            LocalDateTime t = parseTime(raw);
            if (t == null) {
                return false;
            }
            int v = switch (part) {
                case "minute" -> t.getMinute();
                case "hour" -> t.getHour();
                case "day" -> t.getDayOfMonth();
                case "week" -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case "month" -> t.getMonthValue();
                default -> t.getYear();
            };
            return p.test(v);
        };
    }

    private static LocalDateTime parseTime(String raw) {
        if (raw == null || raw.length() < 19) {
            return null;
        }
        try {
            return LocalDateTime.parse(raw.substring(0, 19).replace(' ', 'T'));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code cidr}: the value is an IP address inside the network. */
    public static ValueTest cidr(String spec) {
        int slash = spec.indexOf('/');
        byte[] net = ip(slash < 0 ? spec : spec.substring(0, slash));
        if (net == null) {
            throw new IllegalArgumentException("'" + spec + "' is not an IPv4 or IPv6 network");
        }
        int bits;
        try {
            bits = slash < 0 ? net.length * 8 : Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "' has no valid prefix length");
        }
        if (bits < 0 || bits > net.length * 8) {
            throw new IllegalArgumentException("'" + spec + "': prefix length out of range");
        }
        return (raw, lower) -> {
            byte[] a = ip(raw);
            if (a == null || a.length != net.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int m = 0x80 >> (i & 7);
                if ((a[i >> 3] & m) != (net[i >> 3] & m)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** An IP literal's bytes, or null; never resolves names. */
    static byte[] ip(String s) {
        if (s == null) {
            return null;
        }
        s = s.trim();
        if (s.indexOf(':') >= 0) {
            int pct = s.indexOf('%');
            String lit = pct >= 0 ? s.substring(0, pct) : s;
            for (int i = 0; i < lit.length(); i++) {
                char c = lit.charAt(i);
                if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                    return null;
                }
            }
            try {
                byte[] b = InetAddress.getByName(lit).getAddress();
                return b;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3) {
                return null;
            }
            int v = 0;
            for (char c : p[i].toCharArray()) {
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
