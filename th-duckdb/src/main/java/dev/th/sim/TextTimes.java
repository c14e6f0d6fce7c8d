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
        out.append(String.format(java.util.Locale.ROOT, "%04d-%02d-%02d%c%02d:%02d:%02d", m.getYear(), m.getMonthValue(),
                m.getDayOfMonth(), sep, m.getHour(), m.getMinute(), m.getSecond()));
        if (digits > 0) {
            String nanos = String.format(java.util.Locale.ROOT, "%09d", m.getNano());
            out.append('.').append(nanos, 0, digits);
        }
        if (zulu) {
            out.append('Z');
        }
        return out.toString();
    }
}
