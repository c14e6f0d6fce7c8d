package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/**
 * The machine's own facts and its smaller questions: muid, name, get_name, get_client,
 * first_seen, last_seen, get_info, get_os_info, get_bandwidth, get_processes, get_detections,
 * get_blocked, get_ioas. Muids are md5("default/workstation5") and md5("default/mkt01.pandalab.com");
 * WORKSTATION5's first and last events are 2020-10-18T07:49:39.776 and 2020-10-23T03:12:11.017 by
 * TimeCreated (23:49:39.776 and 07:12:11.017 by Sysmon's clock); MKT01 has 98 Sysmon 28 (blocked)
 * and 2 Sysmon 29 (detections) events; no Defender events anywhere.
 */
class Machine_IdentityTest extends OtrfStoreTest {

    @Test
    void identityAndLookups() {
        Machine ws5 = th.machine("workstation5");
        assertEquals("a05250fa6e512c68b2aad2223aff7e01", ws5.muid());
        assertEquals("WORKSTATION5", ws5.name());
        assertEquals("default", ws5.clientId());
        assertEquals("default", ws5.client().id());
        // TimeCreated 07:49:39.776 and 03:12:11.017; Sysmon's UtcTime sets the comsvcs export's clock
        // at +16:00 and PurpleSharp's at +04:00
        assertEquals("2020-10-18T23:49:39.776Z", ws5.firstSeen().toString());
        assertEquals("2020-10-23T07:12:11.017Z", ws5.lastSeen().toString());
        assertEquals(692 + 184, ws5.eventCount());
        DataFrame names = ws5.names();
        assertEquals(List.of("Muid", "MachineName"), List.of(names.getColumnsIndex().toArray()));
        assertEquals("WORKSTATION5", names.get("MachineName", 0));
        Machine mkt = th.machine("8f36cd507617fca26bb042756c0dedfd"); // md5("default/mkt01"): its NetBIOS name
        assertEquals("MKT01.pandalab.com", mkt.name());
        assertEquals(mkt.muid(), th.machine("MKT01").muid());
        assertEquals(mkt.muid(), th.client("default").machine("mkt01.PANDALAB.com").muid());
        assertEquals(2, th.machines().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> th.machine("DC01"));
        assertTrue(e.getMessage().contains("MKT01.pandalab.com") && e.getMessage().contains("WORKSTATION5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> th.client("other").machine("MKT01"));
    }

    @Test
    void profileAndOs() {
        // both are desktops: MKT01 runs msedge.exe, WORKSTATION5's explorer.exe opens processes (Sysmon 10);
        // neither logs Kerberos ticket events (4768/4769/4771) nor serves on server ports
        assertEquals(List.of("workstation"), th.machine("MKT01").info());
        assertEquals(List.of("workstation"), th.machine("WORKSTATION5").info(TimePeriod.all()));
        assertEquals(List.of("unknown"), th.machine("WORKSTATION5").info(TimePeriod.parse("2019-01-01")));
        Machine.OsInfo os = th.machine("WORKSTATION5").osInfo();
        // Sysmon 1 FileVersion of System32 binaries: 10.0.18362.x (Windows 10 1903)
        assertEquals(18362, os.build());
        assertEquals("10.0", os.version());
        assertEquals("Windows 10", os.name());
        assertNotNull(os.evidence());
    }

    @Test
    void bandwidthHasTheSeedColumnsAndNoFlowsYet() {
        DataFrame bw = th.machine("MKT01").bandwidth();
        assertEquals(List.of("Date", "Outgoing", "Incoming"), List.of(bw.getColumnsIndex().toArray()));
        assertEquals(0, bw.height());
    }

    @Test
    void processesAreTheCreations() {
        Hits<Process> p = th.machine("WORKSTATION5").processes().fetch();
        // 7 Sysmon 1; the 7 Security 4688 are the same creations
        assertEquals(7, p.size());
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildPath", "ChildMd5", "ChildPid",
                "ParentFilename", "ParentPath", "ParentMd5", "ParentPid", "Operation"), p.columns());
        assertEquals(1, th.machine("WORKSTATION5").processes().file("notepad.exe").fetch().size());
        assertEquals(5, th.machine("WORKSTATION5").processes().user("wardog").fetch().size());
        assertEquals(0, th.machine("WORKSTATION5").processes().kind(Kind.USERALLOWED).fetch().size());
        Hits<Bucket> h = th.machine("WORKSTATION5").processes().histogram(Histogram.byHour()).fetch();
        assertEquals(List.of(1L, 6L), h.list().stream().map(Bucket::count).toList());
    }

    @Test
    void detectionsAndBlocked() {
        Machine mkt = th.machine("MKT01");
        // the 2 Sysmon 29 (FileExecutableDetected: written, not stopped) are detections
        Hits<Detect> d = mkt.detections().fetch();
        assertEquals(2, d.size());
        assertEquals(List.of("DateTime", "ClientId", "Muid", "LoggedUser", "ChildMd5", "ChildPath", "ChildFilename", "ParentMd5",
                "ParentPath", "ParentFilename", "WinningTech", "DetectionId", "Action"), List.of(d.frame().getColumnsIndex().toArray()));
        Hits<Block> b = mkt.blocked().fetch();
        assertEquals(98, b.size()); // Sysmon 28 (FileBlockShredding)
        assertEquals(d.columns(), b.columns());
        assertEquals("default", b.get(0).clientId());
        assertEquals(0, mkt.blocked().users("nobody").fetch().size());
        assertEquals(0, mkt.detections().users("stevie.marie").file("mimikatz.exe").fetch().size());
        assertEquals(1, mkt.blocked().histogram(Histogram.byDay()).fetch().size());
    }

    @Test
    void ioasAreEmptyWithoutAHunt() {
        Hits<IoA> i = th.machine("MKT01").ioas().fetch();
        assertEquals(0, i.size());
        assertEquals(List.of("alertDateTime", "clientId", "critical", "details", "excluded", "huntingRule", "id",
                "lastHourEvidenceCount", "mitre", "muid", "severity", "status", "timeStamp", "weight"),
                List.of(i.frame().getColumnsIndex().toArray()));
        assertEquals(0, th.machine("MKT01").ioas().rules("LSASS").period("all").fetch().size());
    }
}
