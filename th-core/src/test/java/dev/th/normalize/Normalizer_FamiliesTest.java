package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Services, scheduled tasks, WMI and named pipes. Hand-made events (fam-hand-made.xml, the
 * fields of Microsoft's event descriptions) for the families the samples lack; real Sysmon
 * 17/18 (PsExec) and 19-21 (Panache) counted by hand from the events.
 */
class Normalizer_FamiliesTest {
    static final Normalizer N = new Normalizer();

    static List<CanonicalEvent> handMade() throws IOException {
        List<CanonicalEvent> out = new ArrayList<>();
        for (RawEvent e : TestEvents.xmlResource("fam-hand-made.xml")) {
            out.add(N.normalize(e, "default"));
        }
        return out;
    }

    static CanonicalEvent byId(List<CanonicalEvent> rows, int id) {
        return rows.stream().filter(r -> Integer.valueOf(id).equals(r.get(Column.EventId))).findFirst().orElseThrow();
    }

    @Test
    void handMadeEvents_familyAndOperationEach() throws IOException {
        List<CanonicalEvent> rows = handMade();
        assertEquals(12, rows.size());
        Map<String, String> got = new TreeMap<>();
        for (CanonicalEvent r : rows) {
            got.put(r.get(Column.EventId).toString(), r.get(Column.Family) + "/" + r.get(Column.Operation));
        }
        assertEquals(Map.ofEntries(Map.entry("7045", "service/installed"), Map.entry("4697", "service/installed"),
                Map.entry("7036", "service/state"), Map.entry("7040", "service/starttype"),
                Map.entry("4698", "task/created"), Map.entry("106", "task/created"), Map.entry("129", "task/launched"),
                Map.entry("200", "task/started"), Map.entry("201", "task/completed"), Map.entry("141", "task/deleted"),
                Map.entry("5857", "wmi/provider"), Map.entry("5861", "wmi/permanent")), got);
    }

    @Test
    void serviceInstalled_7045And4697_oneSpelling() throws IOException {
        List<CanonicalEvent> rows = handMade();
        for (int id : new int[] {7045, 4697}) {
            CanonicalEvent r = byId(rows, id);
            assertEquals("UpdaterSvc", r.get(Column.ObjectName), "" + id);
            assertEquals("C:\\Users\\Public\\svc.exe", r.get(Column.ChildPath), "" + id);
            assertEquals("svc.exe", r.get(Column.ChildFilename), "" + id);
            assertEquals("user mode service", r.get(Column.ObjectType), "" + id); // 4697 writes 0x10
            assertEquals("demand", r.get(Column.StartType), "" + id); // 7045 "demand start", 4697 "3"
            assertEquals("LocalSystem", r.get(Column.Account), "" + id);
            assertEquals("S-1-5-21-1-2-3-1105", r.get(Column.UserSid), "" + id);
        }
        assertEquals("CORP\\alice", byId(rows, 4697).get(Column.LoggedUser));
        CanonicalEvent state = byId(rows, 7036);
        assertEquals("UpdaterSvc", state.get(Column.ObjectName));
        assertEquals("running", state.get(Column.ObjectState));
        CanonicalEvent start = byId(rows, 7040);
        assertEquals("BITS", start.get(Column.ObjectName)); // param4, the key name, before the display name
        assertEquals("auto", start.get(Column.StartType));
        assertEquals("demand", start.get(Column.ObjectState));
    }

    @Test
    void task4698_xmlReadIntoActionsTriggersRunAs() throws IOException {
        CanonicalEvent r = byId(handMade(), 4698);
        assertEquals("\\Updater", r.get(Column.ObjectName));
        assertEquals("CORP\\alice", r.get(Column.LoggedUser));
        assertEquals("C:\\Users\\Public\\upd.exe", r.get(Column.ChildPath));
        assertEquals("upd.exe", r.get(Column.ChildFilename));
        assertEquals("C:\\Users\\Public\\upd.exe -q; ComHandler {0f87369f-a4e5-4cfc-bd3e-73e6154572dd}", r.get(Column.CommandLine));
        assertEquals("LogonTrigger;TimeTrigger", r.get(Column.Triggers));
        assertEquals("S-1-5-18", r.get(Column.Account));
    }

    @Test
    void taskSchedulerOperational_nameActionPid() throws IOException {
        List<CanonicalEvent> rows = handMade();
        assertEquals("CORP\\alice", byId(rows, 106).get(Column.LoggedUser));
        CanonicalEvent launched = byId(rows, 129);
        assertEquals("\\Updater", launched.get(Column.ObjectName));
        assertEquals(5120L, launched.get(Column.ChildPid));
        assertEquals("upd.exe", launched.get(Column.ChildFilename));
        assertEquals("C:\\Users\\Public\\upd.exe", byId(rows, 200).get(Column.ChildPath));
        assertEquals("0", byId(rows, 201).get(Column.ObjectState));
        assertEquals("CORP\\alice", byId(rows, 141).get(Column.LoggedUser));
    }

    @Test
    void wmiActivity_providerAndPermanentConsumer() throws IOException {
        List<CanonicalEvent> rows = handMade();
        CanonicalEvent p = byId(rows, 5857);
        assertEquals("Win32_ProcessProvider", p.get(Column.ObjectName));
        assertEquals("wmiprvse.exe", p.get(Column.ParentFilename));
        assertEquals(2960L, p.get(Column.ParentPid));
        assertEquals("cimwin32.dll", p.get(Column.ChildFilename));
        CanonicalEvent b = byId(rows, 5861);
        assertEquals("BootRun", b.get(Column.ObjectName));
        assertEquals("CommandLineEventConsumer", b.get(Column.ObjectType));
        assertEquals("C:\\Users\\Public\\wmi.exe -b \"x\"", b.get(Column.CommandLine));
        assertEquals("SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA "
                + "'Win32_PerfFormattedData_PerfOS_System'", b.get(Column.Triggers));
    }

    @Test
    void taskXmlThatDoesNotParse_leavesColumnsNull() {
        RawEvent e = new RawEvent(null, 1, java.time.Instant.parse("2024-03-05T11:00:00Z"),
                "Microsoft-Windows-Security-Auditing", "Security", 4698, "HOST7",
                Map.of("TaskName", "\\Broken", "TaskContent", "<Task><Actions><Exec>"));
        CanonicalEvent r = N.normalize(e, "default");
        assertEquals("task", r.get(Column.Family));
        assertEquals("\\Broken", r.get(Column.ObjectName));
        assertNull(r.get(Column.ChildPath));
        assertNull(r.get(Column.Triggers));
    }

    @Test
    void sysmon6Driver_and4702TaskContentNew() {
        // Sysmon 6 (driver loaded) as Sysmon's schema names its fields
        RawEvent driver = new RawEvent(null, 2, java.time.Instant.parse("2024-03-05T09:00:00Z"),
                "Microsoft-Windows-Sysmon", "Microsoft-Windows-Sysmon/Operational", 6, "HOST7",
                Map.of("UtcTime", "2024-03-05 09:00:00.000", "ImageLoaded", "C:\\Windows\\Temp\\evil.sys",
                        "Hashes", "MD5=0123456789ABCDEF0123456789ABCDEF,SHA256=00", "Signed", "false",
                        "Signature", "-", "SignatureStatus", "Unavailable"));
        CanonicalEvent d = N.normalize(driver, "default");
        assertEquals("service", d.get(Column.Family));
        assertEquals("driver", d.get(Column.Operation));
        assertEquals("evil.sys", d.get(Column.ObjectName));
        assertEquals("0123456789abcdef0123456789abcdef", d.get(Column.ChildMd5));
        assertEquals("Unavailable", d.get(Column.ObjectState));
        assertNull(d.get(Column.ObjectType)); // "-" is no signer
        // 4702 (task updated) carries the new XML in TaskContentNew
        RawEvent updated = new RawEvent(null, 3, java.time.Instant.parse("2024-03-05T11:30:00Z"),
                "Microsoft-Windows-Security-Auditing", "Security", 4702, "HOST7",
                Map.of("SubjectUserName", "alice", "SubjectDomainName", "CORP", "TaskName", "\\Updater",
                        "TaskContentNew", "<?xml version=\"1.0\" encoding=\"UTF-16\"?><Task xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">"
                                + "<Triggers><BootTrigger/></Triggers><Principals><Principal><GroupId>S-1-5-32-545</GroupId></Principal></Principals>"
                                + "<Actions><Exec><Command>cmd.exe</Command><Arguments>/c whoami</Arguments></Exec></Actions></Task>"));
        CanonicalEvent u = N.normalize(updated, "default");
        assertEquals("task/updated", u.get(Column.Family) + "/" + u.get(Column.Operation));
        assertEquals("cmd.exe /c whoami", u.get(Column.CommandLine));
        assertEquals("BootTrigger", u.get(Column.Triggers));
        assertEquals("S-1-5-32-545", u.get(Column.Account));
        assertEquals("CORP\\alice", u.get(Column.LoggedUser));
    }
}
