package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecordIdSetTest {
    @Test
    void consecutiveIdsTakeOneRangeAndRepeatsAreFound() {
        RecordIdSet s = new RecordIdSet();
        for (long id = 1; id <= 100_000; id++) {
            assertTrue(s.add(id));
        }
        assertEquals(1, s.ranges());
        assertFalse(s.add(1));
        assertFalse(s.add(50_000));
        assertFalse(s.add(100_000));
        assertTrue(s.add(100_002));
        assertEquals(2, s.ranges());
        assertTrue(s.add(100_001));
        assertEquals(1, s.ranges());
        assertTrue(s.add(0));
        assertEquals(1, s.ranges());
        assertFalse(s.add(0));
    }

    @Test
    void outOfOrderIdsMergeBothWays() {
        RecordIdSet s = new RecordIdSet();
        for (long id : new long[] {10, 12, 14, 11, 13}) {
            assertTrue(s.add(id));
        }
        assertEquals(1, s.ranges());
        assertFalse(s.add(12));
        assertTrue(s.add(Long.MAX_VALUE));
        assertFalse(s.add(Long.MAX_VALUE));
    }
}
