package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code --period} values made to break the parser of {@code th hunt} and {@code th ioa}: each is a
 * usage error (IllegalArgumentException) naming the allowed forms, never an overflow or index
 * exception escaping as a crash.
 */
class PeriodText_HostileTest {
    private static final Instant NOW = Instant.parse("2021-06-15T12:00:00Z");

    @Test
    void hugeCountsAndCaseFoldingLettersAreUsageErrors() {
        for (String v : new String[] {"99999999999999999d", "9999999999999999999h", "106751991167301d", "İİİİ..",
                "İ2020-01-01..2020-01-02", "+1000000001-01-01T00:00:00Z..2020-01-01T00:00:00Z"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeriodText.parse(v, NOW), v);
            assertTrue(e.getMessage().contains("allowed: " + PeriodText.ALLOWED), e.getMessage());
        }
    }
}
