package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Security log's network, registry, file and process-access events on real OTRF logs, with
 * the expected values counted by hand from the JSON lines (the same events read with a JSON tool).
 */
class Normalizer_SecurityTest {
    static final String PURPLESHARP = "otrf/purplesharp_pe_injection_createremotethread.zip";
    static final String COMSVCS = "otrf/psh_lsass_memory_dump_comsvcs.zip";
    static final Normalizer N = new Normalizer();

    static List<CanonicalEvent> rows(String zip, int eventId) throws IOException {
        List<CanonicalEvent> out = new ArrayList<>();
        for (RawEvent e : TestEvents.otrfZip(SharedData.require(zip))) {
            if (e.eventId() == eventId && e.channel().equalsIgnoreCase("Security")) {
                out.add(N.normalize(e, "default"));
            }
        }
        return out;
    }

    @Test
    void wfp5156_workstation5_byDirectionAndPublic() throws IOException {
        // 12 permitted connections: 7 outbound (%%14593), 5 inbound (%%14592); 10 are ICMP on
        // loopback by System (pid 4), 2 outbound TCP from 192.168.2.5 to 168.63.129.16:80
        List<CanonicalEvent> rows = rows(PURPLESHARP, 5156);
        assertEquals(12, rows.size());
        Map<String, Integer> byDirection = new TreeMap<>();
        List<CanonicalEvent> outside = new ArrayList<>();
        for (CanonicalEvent r : rows) {
            assertEquals("network", r.get(Column.Family));
            byDirection.merge(r.text(Column.Direction), 1, Integer::sum);
            if ("Public".equals(r.get(Column.Ipv4Status))) {
                outside.add(r);
            }
        }
        assertEquals(Map.of("Outgoing", 7, "Incoming", 5), byDirection);
        assertEquals(2, outside.size());
        CanonicalEvent agent = outside.get(0);
        assertEquals("168.63.129.16", agent.get(Column.RemoteIp));
        assertEquals(80, agent.get(Column.RemotePort));
        assertEquals("192.168.2.5", agent.get(Column.LocalIp));
        assertEquals(61322, agent.get(Column.LocalPort));
        assertEquals("TCP", agent.get(Column.Protocol));
        assertEquals("Outgoing", agent.get(Column.Direction));
        assertEquals(6980L, agent.get(Column.ParentPid));
        assertEquals("wasecagentprov.exe", agent.get(Column.ParentFilename));
        assertEquals("\\device\\harddiskvolume2\\windowsazure\\secagent\\wasecagentprov.exe", agent.get(Column.ParentPath));
        // an inbound one: the Source fields are still the local end (127.0.0.1 port 0, from port 8)
        CanonicalEvent in = rows.stream().filter(r -> "Incoming".equals(r.get(Column.Direction))).findFirst().orElseThrow();
        assertEquals(0, in.get(Column.LocalPort));
        assertEquals(8, in.get(Column.RemotePort));
        assertEquals("ICMP", in.get(Column.Protocol));
        assertEquals("Private", in.get(Column.Ipv4Status));
    }

    @Test
    void wfp5158_isABindWithNoRemoteEnd() throws IOException {
        List<CanonicalEvent> rows = rows(PURPLESHARP, 5158);
        assertEquals(2, rows.size());
        CanonicalEvent bind = rows.get(0);
        assertEquals("bind", bind.get(Column.Family));
        assertNull(bind.get(Column.RemoteIp));
        assertNull(bind.get(Column.Direction));
        assertEquals("0.0.0.0", bind.get(Column.LocalIp));
        assertEquals(61322, bind.get(Column.LocalPort));
        assertEquals(6980L, bind.get(Column.ParentPid)); // 5158 spells it ProcessId
    }

    @Test
    void keyObjects_areRegistryActions_inSysmonsSpelling() throws IOException {
        // PurpleSharp: 24 4656 (19 with mask 0x20019, 5 with 0x1) and 7 4663 (0x1, Query key value),
        // all on Key objects under \REGISTRY\MACHINE, by C:\Windows\Sysmon.exe as S-1-5-18
        List<CanonicalEvent> requests = rows(PURPLESHARP, 4656);
        List<CanonicalEvent> accesses = rows(PURPLESHARP, 4663);
        assertEquals(24, requests.size());
        assertEquals(7, accesses.size());
        for (List<CanonicalEvent> list : List.of(requests, accesses)) {
            for (CanonicalEvent r : list) {
                assertEquals("registry", r.get(Column.Family));
                assertEquals("access", r.get(Column.Operation));
                assertTrue(r.text(Column.Key).startsWith("HKLM\\"), r.text(Column.Key));
                assertNull(r.get(Column.ChildPath));
            }
        }
        CanonicalEvent first = requests.get(0);
        assertEquals("HKLM\\System\\CurrentControlSet\\Services\\SysmonDrv\\Parameters", first.get(Column.Key));
        assertEquals("Sysmon.exe", first.get(Column.ParentFilename));
        assertEquals(0xd18L, first.get(Column.ParentPid));
        assertEquals("NT AUTHORITY\\SYSTEM", first.get(Column.LoggedUser)); // logged as WORKGROUP\WORKSTATION5$
    }

    @Test
    void processObjects_areProcessAccesses() throws IOException {
        // comsvcs MiniDump: 4663 on \Device\HarddiskVolume2\Windows\System32\lsass.exe, mask 0x10
        // (Read from process memory), twice
        List<CanonicalEvent> rows = rows(COMSVCS, 4663).stream()
                .filter(r -> "process".equals(r.get(Column.Family))).toList();
        assertEquals(2, rows.size());
        for (CanonicalEvent r : rows) {
            assertEquals("access", r.get(Column.Operation));
            assertEquals("lsass.exe", r.get(Column.ChildFilename));
            assertEquals("0x10", r.get(Column.GrantedAccess));
        }
    }

    @Test
    void fileRules_byAccessMask() {
        assertEquals("delete", op(4663, "File", "0x10000"));
        assertEquals("modify", op(4663, "File", "0x2"));
        assertEquals("access", op(4663, "File", "0x1"));
        assertEquals("access", op(4663, "File", "0x120089"));
        assertEquals("modify", op(4663, "Key", "0x2"));
        assertEquals("access", op(4663, "Key", "0x20019"));
        assertEquals("access", op(4656, "File", "0x10000")); // a request is not yet the act
        assertEquals("delete", op(4660, null, "0x10000"));
    }

    private static String op(int id, String type, String mask) {
        Map<String, String> f = new java.util.HashMap<>();
        if (type != null) {
            f.put("ObjectType", type);
        }
        f.put("AccessMask", mask);
        f.put("ObjectName", "C:\\x.txt");
        return security(id, f).text(Column.Operation);
    }

    private static CanonicalEvent security(int id, Map<String, String> fields) {
        return N.normalize(new RawEvent(null, 1, null, "h", "Security", id, null, fields), "c");
    }

    @Test
    void share5145_isAFileActionWithRemoteIp() {
        Map<String, String> f = new java.util.HashMap<>();
        f.put("ObjectType", "File");
        f.put("ShareName", "\\\\*\\C$");
        f.put("ShareLocalPath", "\\??\\C:\\");
        f.put("RelativeTargetName", "Windows\\Temp\\x.exe");
        f.put("AccessMask", "0x2");
        f.put("IpAddress", "10.0.0.7");
        CanonicalEvent r = security(5145, f);
        assertEquals("file", r.get(Column.Family));
        assertEquals("modify", r.get(Column.Operation));
        assertEquals("C:\\Windows\\Temp\\x.exe", r.get(Column.ChildPath));
        assertEquals("x.exe", r.get(Column.ChildFilename));
        assertEquals("10.0.0.7", r.get(Column.RemoteIp));
    }

    @Test
    void registryValue4657_operationType() {
        Map<String, String> f = new java.util.HashMap<>();
        f.put("ObjectName", "\\REGISTRY\\USER\\S-1-5-21-1-2-3-1001\\Software\\Run");
        f.put("ObjectValueName", "x");
        f.put("OperationType", "%%1906");
        CanonicalEvent r = security(4657, f);
        assertEquals("registry", r.get(Column.Family));
        assertEquals("delete", r.get(Column.Operation));
        assertEquals("HKU\\S-1-5-21-1-2-3-1001\\Software\\Run", r.get(Column.Key));
        f.put("OperationType", "%%1904");
        assertEquals("modify", security(4657, f).get(Column.Operation));
    }

    /**
     * The message-id table agrees with Windows: in every Security event of the OTRF logs, each
     * {@code %%nnnn} the table knows has its text in the event's own rendered Message.
     */
    @Test
    void messageIds_matchTheRenderedMessages() throws IOException {
        Pattern id = Pattern.compile("%%(\\d+)");
        Vocabulary v = Vocabulary.standard();
        int checked = 0;
        for (String zip : List.of(PURPLESHARP, COMSVCS, Normalizer_EventsTest.LSASS)) {
            List<RawEvent> events = TestEvents.otrfZip(SharedData.require(zip));
            for (RawEvent e : events) {
                String message = e.field("Message");
                if (message == null || !e.channel().equalsIgnoreCase("Security")) {
                    continue;
                }
                for (Map.Entry<String, String> f : e.fields().entrySet()) {
                    if (f.getKey().equals("Message") || f.getValue() == null) {
                        continue;
                    }
                    Matcher m = id.matcher(f.getValue());
                    while (m.find()) {
                        String text = v.message(Integer.parseInt(m.group(1)));
                        if (text != null && !(e.eventId() == 4688 && f.getKey().equals("TokenElevationType"))) {
                            assertTrue(message.contains(text), () -> e.eventId() + " " + f.getKey() + " " + m.group() + " = " + text);
                            checked++;
                        }
                    }
                }
            }
        }
        assertTrue(checked > 700, "ids checked: " + checked);
    }

    @Test
    void wellKnownSids_andDirectionText() {
        Vocabulary v = Vocabulary.standard();
        assertEquals("NT AUTHORITY\\SYSTEM", v.wellKnownSid("s-1-5-18"));
        assertNull(v.wellKnownSid("S-1-5-21-1-2-3-500"));
        assertEquals("Query key value, Enumerate sub-keys", v.resolve("%%4432\n\t\t\t\t%%4435\n\t\t\t\t"));
        assertEquals("%%99999", v.resolve("%%99999"));
        assertEquals("HKLM\\SOFTWARE\\x", v.hive("\\REGISTRY\\MACHINE\\SOFTWARE\\x"));
        assertEquals("HKCR\\CLSID", v.hive("\\registry\\machine\\software\\classes\\CLSID"));
        assertEquals("\\REGISTRY\\MACHINEX", v.hive("\\REGISTRY\\MACHINEX"));
    }
}
