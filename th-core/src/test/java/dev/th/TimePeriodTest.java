package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** TimePeriod: today (the seed's default), last N days, between, whole days, all; parsing and printing. */
class TimePeriodTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2019-03-15T10:30:00Z"), ZoneOffset.UTC);

    @Test
    void todayIsTheCurrentUtcDay() {
        TimePeriod.Range r = TimePeriod.today().resolve(NOW);
        assertEquals(Instant.parse("2019-03-15T00:00:00Z"), r.from());
        assertEquals(Instant.parse("2019-03-16T00:00:00Z"), r.to());
        assertEquals(1, TimePeriod.today().calendarDays(NOW));
    }

    @Test
    void lastDaysIncludesToday() {
        TimePeriod.Range r = TimePeriod.parse("7d").resolve(NOW);
        assertEquals(Instant.parse("2019-03-09T00:00:00Z"), r.from());
        assertEquals(Instant.parse("2019-03-16T00:00:00Z"), r.to());
        assertEquals(7, TimePeriod.lastDays(7).calendarDays(NOW));
        assertEquals(TimePeriod.lastDays(7), TimePeriod.parse("7D"));
    }

    @Test
    void wholeDaysAndInstants() {
        TimePeriod march = TimePeriod.parse("2019-03-01..2019-03-31");
        assertEquals(Instant.parse("2019-03-01T00:00:00Z"), march.resolve(NOW).from());
        assertEquals(Instant.parse("2019-04-01T00:00:00Z"), march.resolve(NOW).to());
        assertEquals(31, march.calendarDays(NOW));
        assertEquals("2019-03-01..2019-03-31", march.toString());
        TimePeriod day = TimePeriod.parse("2019-03-01");
        assertEquals(1, day.calendarDays(NOW));
        TimePeriod hours = TimePeriod.parse("2019-03-01T10:00:00Z..2019-03-01T12:00:00Z");
        assertEquals(Instant.parse("2019-03-01T12:00:00Z"), hours.resolve(NOW).to());
        assertEquals(hours, TimePeriod.parse(hours.toString()));
        assertEquals(2, TimePeriod.parse("2019-03-01T23:00:00Z..2019-03-02T01:00:00Z").calendarDays(NOW));
    }

    @Test
    void allIsUnbounded() {
        TimePeriod.Range r = TimePeriod.parse("ALL").resolve(NOW);
        assertNull(r.from());
        assertNull(r.to());
        assertTrue(TimePeriod.all().isAll());
        assertEquals(-1, TimePeriod.all().calendarDays(NOW));
        assertEquals("all", TimePeriod.all().toString());
        assertEquals("today", TimePeriod.parse(" today ").toString());
    }

    @Test
    void badTextSaysWhatIsAllowed() {
        for (String bad : new String[] {"yesterday", "0d", "-3d", "2019-13-01", "2019-03-02..2019-03-01", "", "1w"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimePeriod.parse(bad), bad);
            assertTrue(e.getMessage().contains("allowed: today, all, Nd"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TimePeriod.lastDays(0));
    }
}
