package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/**
 * Machine.users() and Machine.timetable() (get_users, get_timetable). WORKSTATION5's events are
 * on 2020-10-18 (184) and 2020-10-23 (692), and WORKSTATION5\wardog acts on both days. MKT01's
 * 53,698 events are all on Tuesday 2023-08-15: 46,341 in hour 09 and 7,357 in hour 10 (counted
 * from the source file).
 */
class Machine_UsersTimetableTest extends OtrfStoreTest {

    @Test
    void usersWithFirstLastAndActiveDays() {
        Hits<User> users = th.machine("WORKSTATION5").users().fetch();
        assertEquals(List.of("LoggedUser", "IniDate", "EndDate", "NumDays"), List.of(users.frame().getColumnsIndex().toArray()));
        User wardog = users.list().stream().filter(u -> u.name().equals("WORKSTATION5\\wardog")).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2020, 10, 18), wardog.iniDate());
        assertEquals(LocalDate.of(2020, 10, 23), wardog.endDate());
        assertEquals(2, wardog.numDays());
        Hits<User> oneDay = th.machine("WORKSTATION5").users().period("2020-10-23").users("wardog").fetch();
        for (User u : oneDay) {
            assertTrue(u.name().toLowerCase().contains("wardog"));
            assertEquals(1, u.numDays());
        }
        assertTrue(oneDay.size() >= 1);
    }

    @Test
    void usersFilterContainsLiteralText() {
        Machine mkt = th.machine("MKT01");
        List<String> names = mkt.users().users("stevie").fetch().list().stream().map(User::name).toList();
        assertEquals(List.of("PANDALAB\\stevie.marie"), names);
        assertEquals(0, mkt.users().users("%").fetch().size());
        assertEquals(2, mkt.users().users("stevie", "pedro").fetch().size());
        Hits<Bucket> perHour = mkt.users().users("pedro").histogram(Histogram.byHour()).fetch();
        assertTrue(perHour.size() >= 1);
    }

    @Test
    void timetableCellsSumToTheEventCounts() {
        DataFrame tt = th.machine("MKT01").timetable();
        assertEquals(List.of("LoggedUser", "Weekday", "Hour", "AvgActions", "StdActions"), List.of(tt.getColumnsIndex().toArray()));
        // TimeCreated 09:53-10:00 on Tuesday 2023-08-15 is 04:53-05:00 on Wednesday 2023-08-16 by
        // Sysmon's UtcTime (the export's clock, +19:00)
        double h9 = 0;
        double h10 = 0;
        for (int r = 0; r < tt.height(); r++) {
            assertEquals(3, tt.get("Weekday", r)); // Wednesday
            assertEquals(0.0, tt.get("StdActions", r)); // one day: no spread
            int hour = (Integer) tt.get("Hour", r);
            double avg = (Double) tt.get("AvgActions", r);
            if (hour == 4) {
                h9 += avg;
            } else {
                assertEquals(5, hour);
                h10 += avg;
            }
        }
        assertEquals(46_341, h9, 0.001);
        assertEquals(7_357, h10, 0.001);
    }

    @Test
    void timetableOverTwoWeekdays() {
        DataFrame tt = th.machine("WORKSTATION5").timetable(TimePeriod.all());
        double total = 0;
        for (int r = 0; r < tt.height(); r++) {
            int wd = (Integer) tt.get("Weekday", r);
            // 2020-10-18 is a Sunday (7), 2020-10-23 a Friday (5)
            assertTrue(wd == 7 || wd == 5, "weekday " + wd);
            total += (Double) tt.get("AvgActions", r);
        }
        assertEquals(184 + 692, total, 0.001);
        // the user timetable across machines sums to that user's events
        DataFrame w = th.user("wardog").timetable(TimePeriod.all());
        assertTrue(w.height() > 0);
    }
}
