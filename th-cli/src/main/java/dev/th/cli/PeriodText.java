package dev.th.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;

/**
 * A {@code --period} value as a half-open UTC interval {@code [from, to)}; a null bound is open.
 * Accepted: {@code all}, {@code today}, {@code Nd} / {@code Nh} (the last N days / hours),
 * {@code A..B} with dates ({@code 2019-03-01..2019-03-31}, B inclusive) or instants
 * ({@code 2019-03-01T10:00:00Z..2019-03-01T12:00:00Z}).
 */
record PeriodText(Instant from, Instant to) {
    static final String ALLOWED = "all, today, Nd, Nh, YYYY-MM-DD..YYYY-MM-DD, INSTANT..INSTANT";

    static PeriodText parse(String text, Instant now) {
        String t = text == null ? "all" : text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.equals("all")) {
                return new PeriodText(null, null);
            }
            if (t.equals("today")) {
                Instant day = now.truncatedTo(ChronoUnit.DAYS);
                return new PeriodText(day, day.plus(Duration.ofDays(1)));
            }
            if (t.matches("\\d+d")) {
                return new PeriodText(now.minus(Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)))), null);
            }
            if (t.matches("\\d+h")) {
                return new PeriodText(now.minus(Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)))), null);
            }
            String trimmed = text.trim(); // not t: lower-casing may change the length ('İ')
            int dots = trimmed.indexOf("..");
            if (dots > 0) {
                String a = trimmed.substring(0, dots);
                String b = trimmed.substring(dots + 2);
                Instant from = bound(a, false);
                Instant to = bound(b, true);
                if (!from.isBefore(to)) {
                    throw new IllegalArgumentException("the period '" + text + "' ends before it starts");
                }
                return new PeriodText(from, to);
            }
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("cannot read the period '" + text + "': " + e.getMessage()
                    + "; allowed: " + ALLOWED);
        }
        throw new IllegalArgumentException("unknown period '" + text + "'; allowed: " + ALLOWED);
    }

    private static Instant bound(String s, boolean end) {
        if (s.length() == 10) {
            LocalDate d = LocalDate.parse(s);
            return (end ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(s);
    }
}
