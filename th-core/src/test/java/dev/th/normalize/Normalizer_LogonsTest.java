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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Logons, Remote Desktop, boots and PowerShell beyond 4104. Hand-made events (logon-hand-made.xml,
 * ps-hand-made.xml: the fields of Microsoft's event descriptions) for what the samples lack; the
 * real logons of CA_4624_4625_LogonType2_LogonProc_chrome.evtx and the Runas sample, read with
 * libevtx's evtxexport and counted by hand.
 */
class Normalizer_LogonsTest {
    static final Normalizer N = new Normalizer();

    static List<CanonicalEvent> rows(List<RawEvent> events) {
        List<CanonicalEvent> out = new ArrayList<>();
        for (RawEvent e : events) {
            out.add(N.normalize(e, "default"));
        }
        return out;
    }

    static List<CanonicalEvent> byId(List<CanonicalEvent> rows, int id) {
        return rows.stream().filter(r -> Integer.valueOf(id).equals(r.get(Column.EventId))).collect(Collectors.toList());
    }

    @Test
    void handMadeLogons_familyAndOperationEach() throws IOException {
        List<CanonicalEvent> rows = rows(TestEvents.xmlResource("logon-hand-made.xml"));
        assertEquals(28, rows.size());
        Map<String, Integer> got = new TreeMap<>();
        for (CanonicalEvent r : rows) {
            got.merge(r.get(Column.Family) + "/" + r.get(Column.Operation), 1, Integer::sum);
        }
        assertEquals(Map.ofEntries(Map.entry("logon/boot", 4), Map.entry("logon/shutdown", 1), Map.entry("logon/logon", 4),
                Map.entry("logon/privileged", 1), Map.entry("logon/failed", 1), Map.entry("logon/explicit", 1),
                Map.entry("logon/logoff", 3), Map.entry("logon/reconnect", 1), Map.entry("logon/disconnect", 1),
                Map.entry("logon/rdp-auth", 1), Map.entry("logon/rdp-logon", 1), Map.entry("logon/rdp-shell", 1),
                Map.entry("logon/rdp-disconnect", 1), Map.entry("logon/rdp-reconnect", 1), Map.entry("logon/rdp-logoff", 1),
                Map.entry("process/create", 4), Map.entry("file/script", 1)),
                got);
    }

    @Test
    void logon4624_everyField() throws IOException {
        CanonicalEvent bob = byId(rows(TestEvents.xmlResource("logon-hand-made.xml")), 4624).get(1);
        assertEquals("CORP\\bob", bob.get(Column.LoggedUser));
        assertEquals("0x5a1b2", bob.get(Column.LogonId));
        assertEquals("0x5a1c9", bob.get(Column.LinkedLogonId));
        assertEquals("10", bob.get(Column.LogonType));
        assertEquals("Yes", bob.get(Column.ElevatedToken));
        assertEquals("Negotiate", bob.get(Column.AuthPackage));
        assertEquals("User32", bob.get(Column.LogonProcess));
        assertEquals("WS-BOB", bob.get(Column.Workstation));
        assertEquals("10.0.0.50", bob.get(Column.RemoteIp));
        assertEquals(50123, bob.get(Column.RemotePort));
        assertEquals("NT AUTHORITY\\SYSTEM", bob.get(Column.SubjectUser));
        assertEquals("S-1-5-21-1-2-3-1201", bob.get(Column.UserSid));
    }

    @Test
    void failureAndExplicitCredentials() throws IOException {
        List<CanonicalEvent> rows = rows(TestEvents.xmlResource("logon-hand-made.xml"));
        CanonicalEvent failed = byId(rows, 4625).get(0);
        assertEquals("CORP\\admin", failed.get(Column.LoggedUser));
        assertEquals("0xc0000064 user name does not exist", failed.get(Column.ObjectState));
        assertEquals("NTLM", failed.get(Column.AuthPackage));
        assertEquals("KALI", failed.get(Column.Workstation));
        assertEquals("10.0.0.66", failed.get(Column.RemoteIp));
        CanonicalEvent explicit = byId(rows, 4648).get(0);
        assertEquals("CORP\\svc_sql", explicit.get(Column.LoggedUser));
        assertEquals("CORP\\alice", explicit.get(Column.SubjectUser));
        assertEquals("0x3e7a1", explicit.get(Column.LogonId));
        assertEquals("FS01.corp.local", explicit.get(Column.ObjectName));
        assertEquals("runas.exe", explicit.get(Column.ParentFilename));
    }

    @Test
    void remoteDesktopAndReconnects() throws IOException {
        List<CanonicalEvent> rows = rows(TestEvents.xmlResource("logon-hand-made.xml"));
        CanonicalEvent auth = byId(rows, 1149).get(0);
        assertEquals("CORP\\bob", auth.get(Column.LoggedUser));
        assertEquals("10.0.0.50", auth.get(Column.RemoteIp));
        CanonicalEvent reconnect = byId(rows, 25).get(0);
        assertEquals("CORP\\bob", reconnect.get(Column.LoggedUser));
        assertEquals("2", reconnect.get(Column.ObjectName));
        assertEquals("10.0.0.51", reconnect.get(Column.RemoteIp));
        CanonicalEvent r4778 = byId(rows, 4778).get(0);
        assertEquals("0x5a1b2", r4778.get(Column.LogonId));
        assertEquals("WS-BOB2", r4778.get(Column.Workstation));
        assertEquals("RDP-Tcp#5", r4778.get(Column.ObjectName));
        assertNull(byId(rows, 23).get(0).get(Column.RemoteIp));
    }

    @Test
    void realLogons_chromeSample() {
        List<CanonicalEvent> rows = rows(evtx("evtx/evtx-attack-samples/Credential_Access/CA_4624_4625_LogonType2_LogonProc_chrome.evtx"));
        // evtxexport: one 4625 (Status 0xc000006d, SubStatus 0xc000006a), three 4624 (types 5, 2, 2:
        // the UAC pair 0x1cd8f6 elevated / 0x1cd964 not, each naming the other)
        CanonicalEvent failed = byId(rows, 4625).get(0);
        assertEquals("0xc000006a wrong password", failed.get(Column.ObjectState));
        assertEquals("Chrome", failed.get(Column.LogonProcess));
        List<CanonicalEvent> logons = byId(rows, 4624);
        assertEquals(List.of("5", "2", "2"), logons.stream().map(r -> r.get(Column.LogonType)).toList());
        assertEquals(List.of("0x0", "0x1cd964", "0x1cd8f6"), logons.stream().map(r -> r.get(Column.LinkedLogonId)).toList());
        assertEquals(List.of("Yes", "Yes", "No"), logons.stream().map(r -> r.get(Column.ElevatedToken)).toList());
        assertEquals("MSEDGEWIN10\\IEUser", logons.get(1).get(Column.SubjectUser));
    }

    @Test
    void powerShell_classicLogAndScriptBlocks() throws IOException {
        List<CanonicalEvent> rows = rows(TestEvents.xmlResource("ps-hand-made.xml"));
        String host = "powershell.exe -ExecutionPolicy Bypass -File C:\\Users\\Public\\lsass_wer_ps.ps1";
        CanonicalEvent start = byId(rows, 400).get(0);
        assertEquals("script", start.get(Column.Family));
        assertEquals("engine-start", start.get(Column.Operation));
        assertEquals(host, start.get(Column.CommandLine));
        assertEquals("powershell.exe", start.get(Column.ParentFilename));
        assertEquals("Available", start.get(Column.ObjectState));
        assertEquals("ConsoleHost", start.get(Column.ObjectName));
        CanonicalEvent pipeline = byId(rows, 800).get(0);
        assertEquals("Get-Process lsass", pipeline.get(Column.CommandLine));
        assertEquals(host, pipeline.get(Column.ParentCommandLine));
        assertEquals("MSEDGEWIN10\\IEUser", pipeline.get(Column.LoggedUser));
        assertEquals("Stopped", byId(rows, 403).get(0).get(Column.ObjectState));
        List<CanonicalEvent> blocks = byId(rows, 4104);
        assertEquals(5, blocks.size());
        assertEquals("27f08bda-c330-419f-b83b-eb5c0f699930", blocks.get(0).get(Column.ObjectName));
    }

    @Test
    void powerShell_moduleLogging_realCampaign() throws IOException {
        java.nio.file.Path zip = SharedData.require("otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip");
        List<CanonicalEvent> modules = new ArrayList<>();
        long classic = 0;
        for (RawEvent e : TestEvents.otrfZip(zip)) {
            if (e.eventId() == 4103 || "Windows PowerShell".equalsIgnoreCase(e.channel())) {
                CanonicalEvent r = N.normalize(e, "default");
                if (e.eventId() == 4103) {
                    modules.add(r);
                } else if ("script".equals(r.get(Column.Family))) {
                    classic++;
                }
            }
        }
        // counted with python3 over the JSON lines: 449 4103; Windows PowerShell 400 x2, 403 x2, 600 x12, 800 x456
        assertEquals(449, modules.size());
        assertEquals(2 + 2 + 12 + 456, classic);
        CanonicalEvent first = modules.stream().filter(r -> "script".equals(r.get(Column.Family))).findFirst().orElseThrow();
        // the first 4103 by file order: New-Object in the ISE (its ContextInfo)
        assertEquals("PowerShell_ISE.exe", first.get(Column.ParentFilename));
        assertEquals("module", first.get(Column.Operation));
    }

    private static List<RawEvent> evtx(String relative) {
        try {
            return TestEvents.evtx(SharedData.require(relative));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
