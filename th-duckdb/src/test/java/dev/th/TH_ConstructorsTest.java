package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's constructors (issue 8, item 9): {@code Process(filename=, md5=, logged_user=,
 * client_id=, period=, time=)} as {@link TH#processes()} and {@code Machine(local_ip=)} as
 * {@link TH#machineByLocalIp}. Values read off the sources by hand: on WORKSTATION5 rundll32.exe
 * 4824 (MD5 f68af942fd7ccc0e7bab1a2335d2ad26, WORKSTATION5\wardog, 2020-10-18) and
 * PurpleSharp.exe 8972 (created 03:12:04.351, ended 03:12:04.557, Sysmon 5); MKT01's Sysmon 3
 * events have local address 192.168.1.41; in the EVTX samples IEWIN7 (2019-05-21) and MSEDGEWIN10
 * (2019-07-19) both used 10.0.2.15 (VirtualBox's NAT address).
 */
class TH_ConstructorsTest extends OtrfStoreTest {

    @Test
    void processesByFilenameMd5AndUser() {
        Hits<Process> rundll32 = th.processes().filename("RUNDLL32.EXE").loggedUser("wardog").fetch();
        assertEquals(1, rundll32.size());
        assertEquals(4824L, rundll32.get(0).pid());
        assertEquals("WORKSTATION5", rundll32.get(0).machine().name());
        assertEquals(1, th.processes().md5("F68AF942FD7CCC0E7BAB1A2335D2AD26").fetch().size());
        assertEquals(0, th.processes().filename("rundll32.exe").loggedUser("WORKSTATION5\\admin").fetch().size());
        assertEquals(1, th.client("default").processes().filename("rundll32.exe").md5("f68af942fd7ccc0e7bab1a2335d2ad26")
                .fetch().size());
        assertEquals(0, th.client("acme").processes().filename("rundll32.exe").fetch().size());
    }

    @Test
    void processesRunningAtATime() {
        Machine ws5 = th.machine("WORKSTATION5");
        assertEquals(List.of("PurpleSharp.exe"), names(ws5.processes().filename("PurpleSharp.exe")
                .time(Instant.parse("2020-10-23T07:12:04.500Z")).fetch()));
        // (times by Sysmon's UtcTime: the export's TimeCreated is 4 hours behind)
        // after its end (Sysmon 5 at 07:12:04.557) it is no longer running
        assertTrue(ws5.processes().filename("PurpleSharp.exe").time(Instant.parse("2020-10-23T07:12:05Z")).fetch().isEmpty());
        // nor before its creation
        assertTrue(ws5.processes().filename("PurpleSharp.exe").time(Instant.parse("2020-10-23T07:12:04Z")).fetch().isEmpty());
        // time does not filter by the rows' period: the process keeps the period it was asked with
        Process p = ws5.processes().filename("PurpleSharp.exe").time(Instant.parse("2020-10-23T07:12:04.400Z"))
                .period(TimePeriod.parse("2021-01-01")).fetch().get(0);
        assertEquals(TimePeriod.parse("2021-01-01"), p.period());
    }

    @Test
    void machineByLocalAddress() {
        Machine mkt = th.machineByLocalIp("192.168.1.41", TimePeriod.all());
        assertEquals("MKT01.pandalab.com", mkt.name());
        assertEquals(TimePeriod.all(), mkt.period());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> th.machineByLocalIp("192.168.1.41", TimePeriod.parse("2020-10-23")));
        assertTrue(none.getMessage().contains("outside that period, by MKT01.pandalab.com"), none.getMessage());
        IllegalArgumentException remote = assertThrows(IllegalArgumentException.class,
                () -> th.machineByLocalIp("192.168.1.4", TimePeriod.all()));
        assertTrue(remote.getMessage().contains("only a remote address"), remote.getMessage());
        try (TH evtx = Stores.openEvtx()) {
            IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                    () -> evtx.machineByLocalIp("10.0.2.15", TimePeriod.all()));
            assertTrue(two.getMessage().contains("IEWIN7") && two.getMessage().contains("MSEDGEWIN10"), two.getMessage());
            assertEquals("IEWIN7", evtx.machineByLocalIp("10.0.2.15", TimePeriod.parse("2019-05-21")).name());
        }
    }

    static List<String> names(Hits<Process> h) {
        return h.list().stream().map(Process::name).toList();
    }
}
