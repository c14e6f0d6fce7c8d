package dev.th.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class TextTimesTest {
    /** The moved text, as java.time's own formatter writes the moved time in the text's pattern. */
    private static String expected(String text, String pattern, Duration by) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern);
        return LocalDateTime.parse(text, f).plus(by).format(f);
    }

    @Test
    void movesEachFormKeepingItsDigits() {
        Duration by = Duration.ofHours(-19).plusMillis(1);
        String[][] cases = {
            {"2023-08-15 09:53:46.119", "yyyy-MM-dd HH:mm:ss.SSS"},
            {"2023-08-15 09:53:46", "yyyy-MM-dd HH:mm:ss"},
            {"2020-10-23T03:12:00.2547319Z", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'"},
            {"2020-01-01T00:00:00.000000001", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS"},
            {"2024-02-29 23:59:59.9", "yyyy-MM-dd HH:mm:ss.S"},
        };
        for (String[] c : cases) {
            assertEquals(expected(c[0], c[1], by), TextTimes.shift(c[0], by), c[0]);
        }
        assertEquals("not a time at all, long enough", TextTimes.shift("not a time at all, long enough", by));
        assertEquals("2023-08-15 09:53:46", TextTimes.shift("2023-08-15 09:53:46", Duration.ZERO));
    }
}
