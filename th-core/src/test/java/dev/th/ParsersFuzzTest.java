package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzzing of the API's small parsers: {@link TimePeriod#parse} and
 * {@link Histogram#parse}. What must hold for any text: a value that is refused is refused with
 * an {@link IllegalArgumentException} (the message lists what is allowed), and a value that is
 * accepted resolves, and reads back from its own text as the same value.
 */
class ParsersFuzzTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2021-06-15T12:00:00Z"), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "5m")
    void period(byte[] data) {
        TimePeriod p;
        try {
            p = TimePeriod.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return;
        }
        p.resolve(CLOCK);
        p.calendarDays(CLOCK);
        assertEquals(p.resolve(CLOCK), TimePeriod.parse(p.toString()).resolve(CLOCK), p::toString);
    }

    @FuzzTest(maxDuration = "5m")
    void histogram(byte[] data) {
        Histogram h;
        try {
            h = Histogram.parse(new String(data, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return;
        }
        assertEquals(h.toString(), Histogram.parse(h.toString()).toString());
    }
}
