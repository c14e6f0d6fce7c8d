package dev.th.json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the time stamps found in JSON exports of Windows events into UTC instants:
 * {@code 2020-10-18 07:50:06.220} (no zone: taken as UTC), {@code 2020-10-23T03:12:04.351Z},
 * {@code 2025-10-24T23:36:29.1111267Z}, {@code 2023-08-15T09:53:48+02:00}, {@code ...+0200},
 * epoch numbers (seconds, or milliseconds when larger than 10^11) and {@code /Date(1603422724351)/}
 * (Windows PowerShell 5.1's ConvertTo-Json; milliseconds since 1970 UTC).
 */
public final class JsonTime {
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-])(\\d{2})(\\d{2})$");
    /** Windows PowerShell 5.1's (and .NET's JavaScriptSerializer's) {@code /Date(ms)/}, maybe with an offset. */
    private static final Pattern DOTNET_DATE = Pattern.compile("\\\\?/Date\\((-?\\d+)([+-]\\d{4})?\\)\\\\?/");

    private JsonTime() {
    }

    private static final DateTimeFormatter TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The text TH writes for a time: ISO-8601 UTC with seven fraction digits, as the EVTX reader. */
    public static String format(Instant t) {
        return TEXT.format(t);
    }

    /**
     * The instant of {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is none of the known forms
     */
    public static Instant parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        Matcher dotnet = DOTNET_DATE.matcher(s);
        if (dotnet.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(dotnet.group(1))); // the offset is only for display
        }
        if (s.chars().allMatch(Character::isDigit)) {
            long n = Long.parseLong(s);
            return n > 100_000_000_000L ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
        }
        if (s.length() > 10 && s.charAt(10) == ' ') {
            s = s.substring(0, 10) + 'T' + s.substring(11);
        }
        s = s.replace(" ", "");
        Matcher m = COMPACT_OFFSET.matcher(s);
        if (s.indexOf('T') > 0 && m.find() && s.lastIndexOf(':') < m.start()) {
            s = s.substring(0, m.start()) + m.group(1) + m.group(2) + ':' + m.group(3);
        }
        try {
            char last = s.charAt(s.length() - 1);
            boolean zoned = last == 'Z' || last == 'z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
            if (zoned) {
                return OffsetDateTime.parse(s.replace('z', 'Z')).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unreadable time '" + text + "'", e);
        }
    }
}
