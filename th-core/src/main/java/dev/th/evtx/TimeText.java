package dev.th.evtx;

import java.time.Instant;

/** FILETIME and SYSTEMTIME to ISO-8601 UTC text without allocating formatters. */
final class TimeText {
    /** Seconds from 1601-01-01 to 1970-01-01. */
    static final long EPOCH_DIFF_SECONDS = 11_644_473_600L;

    private TimeText() {
    }

    /** FILETIME (100 ns ticks since 1601) as an Instant. */
    static Instant instant(long ticks) {
        long secs = Math.floorDiv(ticks, 10_000_000L) - EPOCH_DIFF_SECONDS;
        long frac = Math.floorMod(ticks, 10_000_000L);
        return Instant.ofEpochSecond(secs, frac * 100);
    }

    /** Appends {@code yyyy-MM-ddTHH:mm:ss.fffffffZ} (all seven FILETIME digits). */
    static void appendFiletime(StringBuilder sb, long ticks) {
        long secs = Math.floorDiv(ticks, 10_000_000L) - EPOCH_DIFF_SECONDS;
        int frac = (int) Math.floorMod(ticks, 10_000_000L);
        long days = Math.floorDiv(secs, 86_400L);
        int sod = (int) Math.floorMod(secs, 86_400L);
        appendDate(sb, days);
        sb.append('T');
        pad2(sb, sod / 3600);
        sb.append(':');
        pad2(sb, sod / 60 % 60);
        sb.append(':');
        pad2(sb, sod % 60);
        sb.append('.');
        String f = Integer.toString(frac);
        for (int i = f.length(); i < 7; i++) {
            sb.append('0');
        }
        sb.append(f).append('Z');
    }

    /** Appends a SYSTEMTIME as {@code yyyy-MM-ddTHH:mm:ss.mmmZ}. */
    static void appendSystemtime(StringBuilder sb, int year, int month, int day, int h, int m, int s, int ms) {
        pad(sb, year, 4);
        sb.append('-');
        pad2(sb, month);
        sb.append('-');
        pad2(sb, day);
        sb.append('T');
        pad2(sb, h);
        sb.append(':');
        pad2(sb, m);
        sb.append(':');
        pad2(sb, s);
        sb.append('.');
        pad(sb, ms, 3);
        sb.append('Z');
    }

    /** Civil date from days since 1970-01-01 (proleptic Gregorian). */
    private static void appendDate(StringBuilder sb, long days) {
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        pad(sb, (int) y, 4);
        sb.append('-');
        pad2(sb, (int) m);
        sb.append('-');
        pad2(sb, (int) d);
    }

    private static void pad2(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        sb.append(v);
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
