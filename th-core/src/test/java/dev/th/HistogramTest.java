package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Histogram settings and parsing (buckets on real data are tested with each question in th-duckdb). */
class HistogramTest {

    @Test
    void intervalsAndSplit() {
        assertEquals(Histogram.Interval.HOUR, Histogram.byHour().interval());
        assertEquals(Histogram.Interval.DAY, Histogram.byDay().interval());
        assertNull(Histogram.byDay().splitColumn());
        Histogram h = Histogram.byHour().split("ParentFilename", 5);
        assertEquals("ParentFilename", h.splitColumn());
        assertEquals(5, h.top());
        assertEquals("hour:ParentFilename:5", h.toString());
        assertThrows(IllegalArgumentException.class, () -> Histogram.byDay().split("ParentFilename", 0));
    }

    @Test
    void parse() {
        assertEquals(Histogram.Interval.DAY, Histogram.parse("day").interval());
        Histogram h = Histogram.parse("DAY:RemoteIp:3");
        assertEquals("RemoteIp", h.splitColumn());
        assertEquals(3, h.top());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Histogram.parse("week"));
        assertTrue(e.getMessage().contains("hour, day"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Histogram.parse("day:RemoteIp"));
    }
}
