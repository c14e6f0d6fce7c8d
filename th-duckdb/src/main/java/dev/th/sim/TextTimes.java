package dev.th.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Times written as text inside event fields, moved by a duration in the form they were written:
 * ISO instants ({@code 2020-10-23T03:12:00.254Z}) and Sysmon's or NXLog's
 * {@code yyyy-MM-dd HH:mm:ss[.fraction]}, with as many fraction digits as before. Text in no
 * such form is returned as it is.
 */
final class TextTimes {
    private TextTimes() {
    }

    /**
     * How far a Sysmon UtcTime text is from the event's TimeCreated when that is a whole number of
     * quarter hours (within 2 minutes, as TH's clock check counts it): the template's clock offset;
     * zero otherwise or when there is no UtcTime.
     */
    static Duration clockOffset(String utcTime, Instant timeCreated) {
        if (utcTime == null || timeCreated == null || utcTime.length() < 19) {
            return Duration.ZERO;
        }
        Instant utc;
        try {
            utc = LocalDateTime.parse(utcTime.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
        long d = Duration.between(timeCreated, utc).toSeconds();
        long quarters = Math.round(d / 900.0);
        return Math.abs(d - quarters * 900) <= 120 ? Duration.ofMinutes(quarters * 15) : Duration.ZERO;
    }

    static String shift(String v, Duration by) {
        if (by.isZero() || v.length() < 19 || v.charAt(4) != '-' || v.charAt(7) != '-') {
            return v;
        }
        char sep = v.charAt(10);
        boolean zulu = v.endsWith("Z");
        if (sep != 'T' && sep != ' ') {
            return v;
        }
        String body = zulu ? v.substring(0, v.length() - 1) : v;
        int dot = body.indexOf('.', 19);
        int digits = dot < 0 ? 0 : body.length() - dot - 1;
        if (body.length() != (dot < 0 ? 19 : dot + 1 + digits) || digits > 9) {
            return v;
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(sep == ' ' ? body.replace(' ', 'T') : body);
        } catch (DateTimeParseException e) {
            return v;
        }
        Instant moved = t.toInstant(ZoneOffset.UTC).plus(by);
        LocalDateTime m = LocalDateTime.ofInstant(moved, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(v.length());
        // by hand, not String.format: this runs for every time text of every simulated event
        pad(out, m.getYear(), 4).append('-');
        pad(out, m.getMonthValue(), 2).append('-');
        pad(out, m.getDayOfMonth(), 2).append(sep);
        pad(out, m.getHour(), 2).append(':');
        pad(out, m.getMinute(), 2).append(':');
        pad(out, m.getSecond(), 2);
        if (digits > 0) {
            int at = out.length() + 1;
            pad(out.append('.'), m.getNano(), 9).setLength(at + digits);
        }
        if (zulu) {
            out.append('Z');
        }
        return out.toString();
    }

    /** Appends {@code value} with leading zeros to {@code width} digits, as {@code %0<width>d} does. */
    private static StringBuilder pad(StringBuilder out, int value, int width) {
        if (value < 0) {
            return out.append(String.format(java.util.Locale.ROOT, "%0" + width + "d", value));
        }
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
