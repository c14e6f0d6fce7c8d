package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the content sniffer, which tells every input's format from its
 * first 4 KiB (EVTX, zip, gzip, JSON shapes, Windows XML, Zeek and ECS flows, in UTF-8 or
 * UTF-16). Seeds: the first bytes of each format's seeds (see
 * {@code src/test/resources/fuzz-seeds.md}). What must hold for any bytes: no exception, and
 * exactly one answer: a format, a zip, or a reason the content is neither.
 */
class ContentSnifferFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void sniff(byte[] data) {
        int n = Math.min(data.length, ContentSniffer.PREFIX);
        ContentSniffer.Kind kind = ContentSniffer.sniff(data, n);
        int answers = (kind.format() != null ? 1 : 0) + (kind.zip() ? 1 : 0) + (kind.unknownReason() != null ? 1 : 0);
        assertEquals(1, answers, kind::toString);
        if (kind.unknownReason() != null) {
            assertFalse(kind.unknownReason().isBlank());
        }
    }
}
