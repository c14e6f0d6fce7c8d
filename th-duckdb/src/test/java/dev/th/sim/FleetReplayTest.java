package dev.th.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetReplayTest {
    private static final Instant T = Instant.parse("2025-06-30T10:00:00Z");
    private static final SourceRef SRC = new SourceRef("fleet/x.evtx", "ab", 1);

    private static RawEvent template() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Computer", "MKT01.pandalab.com");
        f.put("ProcessGuid", "{5a1b2c3d-1111-2222-3333-0123456789ab}");
        f.put("ParentProcessGuid", "5A1B2C3D-1111-2222-3333-0123456789AB");
        f.put("ProcessId", "420");
        f.put("NewProcessId", "0x1a4");
        f.put("Execution_ProcessID", "4");
        f.put("SourceIp", "172.18.39.5");
        f.put("DestinationIp", "52.113.194.132");
        f.put("User", "PANDALAB\\pgustavo");
        f.put("SubjectUserName", "SYSTEM");
        f.put("CommandLine", "cmd.exe /c whoami");
        return new RawEvent(SRC, 7, T, "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 1,
                "MKT01.pandalab.com", f);
    }

    @Test
    void oneReplayRewritesConsistentlyAndKeepsFormats() {
        FleetReplay r = new FleetReplay("WS-0042.acme.local", 1, 42, 3, 0);
        RawEvent e = r.rewrite(template(), T, SRC, 9);
        Map<String, String> f = e.fields();
        assertEquals("WS-0042.acme.local", e.computer());
        assertEquals("WS-0042.acme.local", f.get("Computer"));
        String guid = f.get("ProcessGuid");
        assertTrue(guid.startsWith("{5a1b2c3d-1111-2222-3333-") && guid.endsWith("}"), guid);
        assertNotEquals("{5a1b2c3d-1111-2222-3333-0123456789ab}", guid);
        // the same process written upper-case without braces maps to the same new GUID
        assertEquals(guid.substring(1, guid.length() - 1).toUpperCase(), f.get("ParentProcessGuid"));
        // decimal and hex forms of one pid move together; the kernel's pid 4 stays
        long pid = Long.parseLong(f.get("ProcessId"));
        assertNotEquals(420L, pid);
        assertEquals(pid, Long.parseLong(f.get("NewProcessId").substring(2), 16));
        assertEquals("4", f.get("Execution_ProcessID"));
        assertTrue(f.get("SourceIp").startsWith("10.1.1."), f.get("SourceIp"));
        assertTrue(f.get("DestinationIp").startsWith("52.113."), f.get("DestinationIp"));
        assertEquals("PANDALAB\\user1042", f.get("User"));
        assertEquals("SYSTEM", f.get("SubjectUserName"));
        assertEquals("cmd.exe /c whoami", f.get("CommandLine"));
        assertEquals(T, e.time());
        assertEquals(9, e.recordId());
        // the same replay gives the same values again
        assertEquals(f, r.rewrite(template(), T, SRC, 9).fields());
    }

    @Test
    void textTimesMoveWithTheEventAndLoseTheTemplatesClockOffset() {
        // a template whose TimeCreated is local time (UTC-4) written as UTC, as in the OTRF exports
        Map<String, String> f = new LinkedHashMap<>();
        f.put("UtcTime", "2020-10-23 07:12:00.253");
        f.put("CreationUtcTime", "2020-10-20 01:00:00.000");
        f.put("@timestamp", "2020-10-23T03:12:00.254Z");
        f.put("EventTime", "2020-10-22 23:12:00");
        f.put("Message", "UtcTime: 2020-10-23 07:12:00.253");
        Instant created = Instant.parse("2020-10-23T03:12:00.254Z");
        RawEvent t = new RawEvent(SRC, 7, created, "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 10,
                "MKT01.pandalab.com", f);
        Instant replayed = Instant.parse("2025-06-30T10:00:00.254Z");
        Map<String, String> out = new FleetReplay("A", 1, 42, 3, 0).rewrite(t, replayed, SRC, 1).fields();
        assertEquals("2025-06-30 10:00:00.253", out.get("UtcTime"));          // Sysmon's UTC is the event's time
        assertEquals("2025-06-27 03:48:00.000", out.get("CreationUtcTime"));  // 3 days 6:12 before it, as in the template
        assertEquals("2025-06-30T10:00:00.254Z", out.get("@timestamp"));      // follows TimeCreated
        assertEquals("2025-06-30 06:00:00", out.get("EventTime"));            // the export's local time, 4 hours behind
        assertEquals("UtcTime: 2020-10-23 07:12:00.253", out.get("Message"));
    }

    @Test
    void otherMachinesAndDaysGetOtherProcesses() {
        String a = new FleetReplay("A", 1, 42, 3, 0).rewrite(template(), T, SRC, 1).field("ProcessGuid");
        String b = new FleetReplay("B", 1, 43, 3, 0).rewrite(template(), T, SRC, 1).field("ProcessGuid");
        String c = new FleetReplay("A", 1, 42, 4, 0).rewrite(template(), T, SRC, 1).field("ProcessGuid");
        assertNotEquals(a, b);
        assertNotEquals(a, c);
    }
}
