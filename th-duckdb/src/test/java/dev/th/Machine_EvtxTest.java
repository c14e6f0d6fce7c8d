package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API over EVTX files ingested by TH's own parser (evtx/ of ../shared/data), values read by
 * hand from {@code evtxexport -f xml} and reference-counts.json. IEWIN7's
 * exec_persist_rundll32_mshta_scheduledtask: cmd.exe 1532 → rundll32.exe 2920 → mshta.exe 2432 →
 * schtasks.exe 3772, and mshta.exe connects out to 108.179.232.58:443, 105.73.6.112:80 and
 * 105.73.6.105:80 (tcp, from 10.0.2.15). FS03.offsec.lan's runas file has 4 Security 4688.
 */
class Machine_EvtxTest {
    static TH th;

    @BeforeAll
    static void open() {
        th = Stores.openEvtx();
    }

    @AfterAll
    static void close() {
        if (th != null) {
            th.close();
        }
    }

    @Test
    void machinesOfTheEvtxFiles() {
        List<String> names = th.machines().list().stream().map(Machine::name).toList();
        assertTrue(names.containsAll(List.of("IEWIN7", "MSEDGEWIN10", "PC04.example.corp", "WIN-77LTAPHIQ1R.example.corp",
                "fs03vuln.offsec.lan", "FS03.offsec.lan")), names.toString());
        // PanacheSysmon: 511 Sysmon 1 on MSEDGEWIN10
        assertEquals(511, th.machine("MSEDGEWIN10").executions().operation(Operation.Process.CREATE).fetch().size());
        assertEquals(4, th.machine("FS03").executions().operation(Operation.Process.CREATE).fetch().size());
    }

    @Test
    void publicConnectionsOfMshta() {
        Machine ie = th.machine("IEWIN7");
        Hits<Connection> pub = ie.communications().ipType(IpType.PUBLIC).fetch();
        assertEquals(3, pub.size());
        assertEquals(List.of("108.179.232.58", "105.73.6.112", "105.73.6.105"), pub.list().stream().map(Connection::remoteIp).toList());
        for (Connection c : pub) {
            assertEquals("mshta.exe", c.parentFilename());
            assertEquals(2432L, c.parentPid());
            assertEquals("Outgoing", c.direction());
            assertEquals("Public", c.ipv4Status());
            assertEquals("10.0.2.15", c.localIp());
        }
        assertEquals(1, ie.communications().port(Port.HTTPS).fetch().size());
        assertEquals(2, ie.communications().port(Port.HTTP).ipType("public").direction(Direction.OUTGOING).fetch().size());
        assertEquals(0, ie.communications().direction(Direction.INCOMING).fetch().size());
        Hits<Connection> top = ie.communications().top(2).fetch();
        assertEquals(2, top.size());
    }

    @Test
    void executionTreeOfMshta() {
        Process mshta = th.machine("IEWIN7").processes().file("mshta.exe").fetch().get(0);
        Hits<Process> tree = mshta.executionTree();
        assertEquals(List.of("cmd.exe", "rundll32.exe", "mshta.exe", "schtasks.exe"), tree.list().stream().map(Process::name).toList());
        assertEquals(List.of(1532L, 2920L, 2432L, 3772L), tree.list().stream().map(Process::pid).toList());
        assertEquals(3, mshta.communications().fetch().size());
        assertEquals(List.of("schtasks.exe"), mshta.children().list().stream().map(Process::name).toList());
        assertTrue(mshta.children().get(0).commandLine().contains("/TN MSOFFICE_"));
    }
}
