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
    void timetableCellsSumToTheActionCounts() {
        DataFrame tt = th.machine("MKT01").timetable();
        assertEquals(List.of("LoggedUser", "Weekday", "Hour", "AvgActions", "StdActions"), List.of(tt.getColumnsIndex().toArray()));
        // TimeCreated 09:53-10:00 on Tuesday 2023-08-15 is 04:53-05:00 on Wednesday 2023-08-16 by
        // Sysmon's UtcTime (the export's clock, +19:00)
        double h9 = 0;
        double h10 = 0;
        boolean none = false;
        for (int r = 0; r < tt.height(); r++) {
            assertEquals(3, tt.get("Weekday", r)); // Wednesday
            assertEquals(0.0, tt.get("StdActions", r)); // one Wednesday in the data's span: no spread
            none |= "(none)".equals(tt.get("LoggedUser", r));
            int hour = (Integer) tt.get("Hour", r);
            double avg = (Double) tt.get("AvgActions", r);
            if (hour == 4) {
                h9 += avg;
            } else {
                assertEquals(5, hour);
                h10 += avg;
            }
        }
        // 46,341 events in hour 09, of which 53 Security 4688 and 44 Security 4689 records repeat the
        // Sysmon 1 and 5 records of the same processes (one process, one action)
        assertEquals(46_341 - 53 - 44, h9, 0.001);
        assertEquals(7_357, h10, 0.001);
        assertTrue(none, "events without any user are counted under (none)");
    }

    @Test
    void daysWithoutActionsCountAsZero() {
        // 2020-10-16..2020-10-25 holds two Fridays (16, 23) and two Sundays (18, 25); WORKSTATION5 acts
        // only on Sunday 18 (184 events, 4 of them Security records of processes Sysmon logged) and
        // Friday 23 (692, 7 such): each cell's mean is half its day's count, and so is its deviation
        DataFrame tt = th.machine("WORKSTATION5").timetable(TimePeriod.parse("2020-10-16..2020-10-25"));
        double sunday = 0;
        double friday = 0;
        for (int r = 0; r < tt.height(); r++) {
            int wd = (Integer) tt.get("Weekday", r);
            double avg = (Double) tt.get("AvgActions", r);
            assertEquals(avg, (Double) tt.get("StdActions", r), 1e-9);
            if (wd == 7) {
                sunday += 2 * avg;
            } else {
                assertEquals(5, wd);
                friday += 2 * avg;
            }
        }
        assertEquals(184 - 4, sunday, 0.001);
        assertEquals(692 - 7, friday, 0.001);
        // over the data's own span (Sunday 18 .. Friday 23) each weekday occurs once: the counts themselves
        DataFrame all = th.machine("WORKSTATION5").timetable(TimePeriod.all());
        double total = 0;
        for (int r = 0; r < all.height(); r++) {
            total += (Double) all.get("AvgActions", r);
            assertEquals(0.0, all.get("StdActions", r));
        }
        assertEquals(184 - 4 + 692 - 7, total, 0.001);
        assertTrue(th.user("wardog").timetable(TimePeriod.all()).height() > 0);
    }
}
