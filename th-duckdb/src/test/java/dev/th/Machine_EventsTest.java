package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Machine.events() (get_events) on WORKSTATION5 for 2020-10-23, the day of the purplesharp file:
 * 692 events, whose counts per Channel|EventID are those of reference-counts.json.
 */
class Machine_EventsTest extends OtrfStoreTest {
    static Machine ws5;

    @BeforeAll
    static void open() {
        ws5 = th.machine("WORKSTATION5");
    }

    @Test
    void everyEventOfTheDay() {
        DataFrame df = ws5.events().period("2020-10-23").frame();
        assertEquals(692, df.height());
        assertEquals(EventsQuery.COLUMNS, List.of(df.getColumnsIndex().toArray()));
    }

    @Test
    void byTypeMatchesTheReferenceCounts() {
        DataFrame df = ws5.events().period(TimePeriod.parse("2020-10-23")).by(EventsBy.TYPE).frame();
        assertEquals(List.of("Channel", "EventId", "Events"), List.of(df.getColumnsIndex().toArray()));
        Map<String, Long> got = new HashMap<>();
        for (int r = 0; r < df.height(); r++) {
            got.put(df.get("Channel", r) + "|" + df.get("EventId", r), ((Number) df.get("Events", r)).longValue());
        }
        assertEquals(253L, got.get("Microsoft-Windows-Sysmon/Operational|10"));
        assertEquals(241L, got.get("Microsoft-Windows-Sysmon/Operational|7"));
        assertEquals(6L, got.get("Microsoft-Windows-Sysmon/Operational|1"));
        assertEquals(46L, got.get("Security|4658"));
        assertEquals(2L, got.get("System|104"));
        assertEquals(23, got.size());
        assertEquals(692L, got.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void byClassification() {
        DataFrame df = ws5.events().period("2020-10-22..2020-10-23").by("classif").frame();
        assertEquals(List.of("Family", "Operation", "Events"), List.of(df.getColumnsIndex().toArray()));
        Map<String, Long> got = new HashMap<>();
        for (int r = 0; r < df.height(); r++) {
            got.put(df.get("Family", r) + "/" + df.get("Operation", r), ((Number) df.get("Events", r)).longValue());
        }
        assertEquals(253L, got.get("process/access"));
        assertEquals(6L + 6L, got.get("process/create"));
        assertEquals(1L, got.get("process/thread"));
    }

    @Test
    void theSeedLimitsThePeriodToOneOrTwoDays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ws5.events().period("all").frame());
        assertTrue(e.getMessage().contains("1 or 2 days"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ws5.events().period("2020-10-18..2020-10-23").frame());
        assertTrue(e.getMessage().contains("6 days"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ws5.events().by("kind"));
        assertTrue(e.getMessage().contains("type, classif"), e.getMessage());
        assertEquals(0, ws5.events().period("2020-10-20").frame().height());
    }
}
