package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of the command line's {@code --period} parser of {@code th hunt} and
 * {@code th ioa} ({@link PeriodText}). What must hold for any text: a refused value is an
 * {@link IllegalArgumentException} whose message lists what is allowed (the command turns it into
 * a usage error), and an accepted one is a window that does not end before it starts.
 */
class CliParsersFuzzTest {
    private static final Instant NOW = Instant.parse("2021-06-15T12:00:00Z");

    @FuzzTest(maxDuration = "5m")
    void period(byte[] data) {
        PeriodText p;
        try {
            p = PeriodText.parse(new String(data, StandardCharsets.UTF_8), NOW);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("allowed: " + PeriodText.ALLOWED) || e.getMessage().contains("ends before it starts"),
                    e::getMessage);
            return;
        }
        assertTrue(p.from() == null || p.to() == null || p.from().isBefore(p.to()), p::toString);
    }
}
