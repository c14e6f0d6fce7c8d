package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.th.fixture.Replay;
import dev.th.fixture.Stores;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;

/**
 * Process.executionTree(), parent(), children() (get_execution_tree, get_parent, get_childs).
 * The attack chains were read off the events by hand:
 * WORKSTATION5 (OTRF purplesharp, T1055.002): cmd.exe 4840 (not logged) → PurpleSharp.exe 8972 →
 * notepad.exe 9908 → PING.EXE 5232 → conhost.exe 9700, in Sysmon 1 (GUIDs) and in Security 4688
 * (pids only; the same processes, one row each). MKT01 (OTRF LSASS_campaign_01, Sysmon 1/5 and the
 * Security 4688/4689 of the same processes): winx64_payload.exe 1988 → cmd.exe 7588
 * (09:54:54.690–09:55:42.551) → conhost, systeminfo, whoami, whoami, tasklist; and → cmd.exe 6924
 * (09:56:43.019–09:57:02.880) → conhost, whoami. FS03 (evtx-to-mitre-attack runas sample, Security
 * 4688 only, no GUIDs): runas.exe 2140 → cmd.exe 452 → conhost.exe 2800 → ctfmon.exe 1012.
 */
class Process_ExecutionTreeTest extends OtrfStoreTest {

    static List<String> names(Hits<Process> h) {
        List<String> out = new ArrayList<>();
        for (Process p : h) {
            out.add(p.name());
        }
        return out;
    }

    static Process created(Machine m, String name, boolean withGuid) {
        for (Process p : m.executions().operation(Operation.Process.CREATE).file(name).fetch()) {
            if ((p.guid() != null) == withGuid) {
                return p;
            }
        }
        throw new AssertionError("no creation of " + name + (withGuid ? " with" : " without") + " GUID");
    }

    @Test
    void treeByGuidHoldsTheWholeChain() {
        Process notepad = created(th.machine("WORKSTATION5"), "notepad.exe", true);
        Hits<Process> tree = notepad.executionTree();
        assertEquals(List.of("PurpleSharp.exe", "notepad.exe", "PING.EXE", "conhost.exe"), names(tree));
        for (Process p : tree) {
            assertTrue(p.guid() != null);
        }
        DataFrame df = tree.frame();
        assertEquals(List.of("DateTime", "Muid", "LoggedUser", "ChildFilename", "ChildMd5", "ChildPid", "ParentFilename",
                "ParentMd5", "ParentPid", "CommandLine", "RemoteIp", "Operation"), List.of(df.getColumnsIndex().toArray()));
        assertEquals(9908L, df.get("ChildPid", 1));
        assertEquals(8972L, df.get("ParentPid", 1));
    }

    @Test
    void treeByPidWhereTheLogHasNoGuids() {
        try (TH evtx = Stores.openEvtx()) {
            Process cmd = created(evtx.machine("FS03"), "cmd.exe", false);
            Hits<Process> tree = cmd.executionTree();
            assertEquals(List.of("runas.exe", "cmd.exe", "conhost.exe", "ctfmon.exe"), names(tree));
            for (Process p : tree) {
                assertNull(p.guid(), "a pid-joined tree must stay within the source without GUIDs");
            }
            assertEquals(List.of(2140L, 452L, 2800L, 1012L), tree.list().stream().map(Process::pid).toList());
            assertEquals("runas  /user:offsec\\hack1 cmd.exe", tree.get(0).commandLine());
        }
    }

    @Test
    void oneRowPerProcessInTheTree() {
        // each process of the chain is in Sysmon 1 and in Security 4688: the tree has it once, with
        // Sysmon's GUID and MD5, whichever record the pivot started from
        Hits<Process> tree = created(th.machine("WORKSTATION5"), "PING.EXE", true).executionTree();
        assertEquals(List.of("PurpleSharp.exe", "notepad.exe", "PING.EXE", "conhost.exe"), names(tree));
        assertEquals(List.of("1ddcfc208163edfa63347d54b67ac30c", "06e6c0482562459adb462ca9008262f8",
                "f3f3d2b0196b9a00e91838888e76b5f6", "c5e9b1d1103edcea2e408e9497a5a88f"),
                tree.list().stream().map(Process::md5).toList());
        // the origin row carries its command line (get_processes does not show it, the row keeps it)
        Process purple = th.machine("WORKSTATION5").processes().file("PurpleSharp.exe").fetch().get(0);
        assertEquals("PurpleSharp.exe  /t T1055.002", purple.commandLine());
        assertEquals("PurpleSharp.exe  /t T1055.002", purple.executionTree().get(0).commandLine());
    }

    @Test
    void parentAndChildren() {
        Machine ws5 = th.machine("WORKSTATION5");
        Process purple = created(ws5, "PurpleSharp.exe", true);
        assertEquals(List.of("notepad.exe"), names(purple.children()));
        // cmd.exe's creation is not in the logs: the parent is made of the child's Parent columns
        Process cmd = purple.parent().get(0);
        assertEquals("cmd.exe", cmd.name());
        assertEquals(4840L, cmd.pid());
        assertNull(cmd.time());
        Process notepad = purple.children().get(0);
        assertEquals("PurpleSharp.exe", notepad.parent().get(0).name());
        assertEquals(purple.time(), notepad.parent().get(0).time());
        assertTrue(created(ws5, "conhost.exe", true).children().isEmpty());
    }

    @Test
    void attackChainOfTheCampaign() {
        Machine mkt = th.machine("MKT01");
        Process payload = created(mkt, "winx64_payload.exe", true);
        assertEquals(1988L, payload.pid());
        Hits<Process> tree = payload.executionTree();
        assertEquals(List.of("winx64_payload.exe", "cmd.exe", "conhost.exe", "systeminfo.exe", "whoami.exe", "whoami.exe",
                "tasklist.exe", "cmd.exe", "conhost.exe", "whoami.exe"), names(tree));
        assertEquals(List.of(7588L, 6924L), payload.children().list().stream().map(Process::pid).toList());
        Process secondCmd = payload.children().get(1);
        assertEquals(List.of("conhost.exe", "whoami.exe"), names(secondCmd.children()));
    }

    @Test
    void aReusedPidNeverJoinsUnrelatedProcesses() throws Exception {
        // The campaign's Security 4688 events replayed one hour later: the same pids are reused by
        // new processes. Without 4689 (no kill events) the lifetime of pid 1988 ends at its reuse.
        Path zip = SharedData.require("otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip");
        for (boolean withKills : new boolean[] {true, false}) {
            Path tmp = Files.createTempDirectory("th-reuse");
            Stores.deleteOnExit(tmp);
            Path replayed = Replay.write(zip, tmp.resolve("replayed.json"), e -> isCreateOrKill(e, withKills),
                    List.of(Duration.ZERO, Duration.ofHours(1)));
            Path dir = Stores.build("th-reuse-store", List.of(replayed));
            try (TH reuse = TH.open(Stores.source(dir), Stores.CLOCK).defaultPeriod(TimePeriod.all())) {
                Machine mkt = reuse.machine("MKT01");
                Hits<Process> payloads = mkt.executions().operation(Operation.Process.CREATE).file("winx64_payload.exe").fetch();
                assertEquals(2, payloads.size());
                for (Process payload : payloads) {
                    Hits<Process> tree = payload.executionTree();
                    assertEquals(10, tree.size(), "with kills: " + withKills);
                    for (Process p : tree) {
                        long minutes = Duration.between(payload.time(), p.time()).toMinutes();
                        assertTrue(minutes >= 0 && minutes < 10, "joined a process of another hour: " + p);
                    }
                    // the first cmd.exe's children, not the replayed ones of the same pid 7588
                    Process cmd = payload.children().get(0);
                    assertEquals(5, cmd.children().size());
                    assertEquals(payload.time(), cmd.parent().get(0).time());
                }
            }
        }
    }

    static boolean isCreateOrKill(ObjectNode e, boolean withKills) {
        if (!"security".equalsIgnoreCase(e.path("Channel").asText())) {
            return false;
        }
        String id = e.path("EventID").asText();
        return id.equals("4688") || withKills && id.equals("4689");
    }

    @Test
    void treeIsCutByItsPeriodAndSaysSo() {
        Process notepad = created(th.machine("WORKSTATION5"), "notepad.exe", true);
        Hits<Process> none = notepad.executionTree(TimePeriod.parse("2021-01-01"));
        assertTrue(none.isEmpty());
        assertTrue(none.emptyBecause().orElseThrow().contains("4 processes"), none.emptyBecause().get());
        Hits<Process> partial = notepad.executionTree(TimePeriod.parse("2020-10-23T07:12:04.440Z..2020-10-23T07:12:04.931Z"));
        assertEquals(List.of("notepad.exe", "PING.EXE"), names(partial));
    }
}
