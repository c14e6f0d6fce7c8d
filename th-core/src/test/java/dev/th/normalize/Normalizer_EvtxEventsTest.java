package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events read by the EVTX reader from the attack samples, checked by hand column by column. */
class Normalizer_EvtxEventsTest {
    static final Normalizer N = new Normalizer();

    static CanonicalEvent record(String file, long recordId) throws IOException {
        List<RawEvent> events = TestEvents.evtx(SharedData.require("evtx/evtx-attack-samples/" + file));
        RawEvent e = events.stream().filter(x -> x.recordId() == recordId).findFirst().orElseThrow();
        return N.normalize(e, "default");
    }

    @Test
    void security4688_hexPidsChainWmiPrvSeToCalc() throws IOException {
        String file = "Lateral_Movement/LM_WMI_4624_4688_TargetHost.evtx";
        CanonicalEvent wmi = record(file, 563298);
        CanonicalEvent calc = record(file, 563299);
        assertEquals("process", calc.get(Column.Family));
        assertEquals("create", calc.get(Column.Operation));
        assertEquals("C:\\Windows\\System32\\calc.exe", calc.get(Column.ChildPath));
        assertEquals("calc.exe", calc.get(Column.ChildFilename));
        assertEquals(0x424L, calc.get(Column.ChildPid));
        assertEquals(0xae8L, calc.get(Column.ParentPid));
        assertEquals(wmi.get(Column.ChildPid), calc.get(Column.ParentPid)); // WmiPrvSE.exe started calc.exe
        assertEquals("WmiPrvSE.exe", wmi.get(Column.ChildFilename));
        assertEquals(0x248L, wmi.get(Column.ParentPid));
        // version 1 of 4688: no Target fields, no ParentProcessName, an empty CommandLine; the
        // Subject is S-1-5-20 (logged as EXAMPLE\WIN-77LTAPHIQ1R$), written as Sysmon names it
        assertEquals("NT AUTHORITY\\NETWORK SERVICE", calc.get(Column.LoggedUser));
        assertEquals("0x3e4", calc.get(Column.LogonId));
        assertNull(calc.get(Column.ParentPath));
        assertNull(calc.get(Column.CommandLine));
        assertEquals("win-77ltaphiq1r.example.corp", calc.text(Column.MachineName).toLowerCase());
        assertEquals(Normalizer.muid("default", "win-77ltaphiq1r.example.corp"), calc.get(Column.Muid));
    }

    @Test
    void security4624_networkLogon() throws IOException {
        CanonicalEvent r = record("Lateral_Movement/LM_WMI_4624_4688_TargetHost.evtx", 563285);
        assertEquals("logon", r.get(Column.Family));
        assertEquals("logon", r.get(Column.Operation));
        assertEquals("EXAMPLE\\Administrator", r.get(Column.LoggedUser));
        assertEquals("0x10fbcc", r.get(Column.LogonId));
        assertEquals("3", r.get(Column.LogonType));
        assertEquals("10.0.2.17", r.get(Column.RemoteIp));
        assertNull(r.get(Column.ParentPath)); // ProcessName "-"
    }

    @Test
    void powershell4104_fromEvtx() throws IOException {
        CanonicalEvent r = record("Credential_Access/Powershell_4104_MiniDumpWriteDump_Lsass.evtx", 971);
        assertEquals("file", r.get(Column.Family));
        assertEquals("script", r.get(Column.Operation));
        assertTrue(r.text(Column.CommandLine).startsWith("function Memory($path)"), r.text(Column.CommandLine));
        assertTrue(r.text(Column.CommandLine).contains("MiniDumpWriteDump"));
        assertEquals(7008L, r.get(Column.ParentPid)); // the host process, from the System Execution element
        assertNull(r.get(Column.LoggedUser));
    }

    @Test
    void sysmon3_outgoingToAPublicAddress() throws IOException {
        CanonicalEvent r = record("Execution/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx", 4128);
        assertEquals("network", r.get(Column.Family));
        assertEquals("Outgoing", r.get(Column.Direction));
        assertEquals("TCP", r.get(Column.Protocol));
        assertEquals("10.0.2.15", r.get(Column.LocalIp));
        assertEquals(49703, r.get(Column.LocalPort));
        assertEquals("108.179.232.58", r.get(Column.RemoteIp));
        assertEquals(443, r.get(Column.RemotePort));
        assertEquals("Public", r.get(Column.Ipv4Status));
        assertEquals("mshta.exe", r.get(Column.ParentFilename));
        assertEquals(2432L, r.get(Column.ParentPid));
        assertEquals("365abb72-1a29-5ce4-0000-001079f92101", r.get(Column.ParentGuid));
        assertEquals("IEWIN7\\IEUser", r.get(Column.LoggedUser));
    }
}
