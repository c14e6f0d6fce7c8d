package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.fixture.Stores;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a process's creation knows, every row knows (issue 8, item 5). Counted by hand from the
 * sources: on WORKSTATION5 (OTRF comsvcs) rundll32.exe 4824 (Sysmon 1, MD5
 * f68af942fd7ccc0e7bab1a2335d2ad26, user WORKSTATION5\wardog) loads 29 images (Sysmon 7, which in
 * this Sysmon version carry no User field and no hash of the loading process), writes
 * lsass-comsvcs.dmp (Sysmon 11) and, in the Security log, which has no GUIDs, opens a handle on
 * the Lsa key and two on lsass.exe (4663, ProcessId 0x12d8 = 4824, within its lifetime). On FS03
 * (runas sample, Security 4688 only, no ParentProcessName) runas.exe 2140 creates cmd.exe 452.
 */
class Process_CreationInfoTest extends OtrfStoreTest {
    static final String RUNDLL32_MD5 = "f68af942fd7ccc0e7bab1a2335d2ad26";
    static final String DUMP_COMMAND = "\"C:\\Windows\\System32\\rundll32.exe\" C:\\windows\\System32\\comsvcs.dll "
            + "MiniDump 756 C:\\Users\\wardog\\AppData\\Local\\Temp\\lsass-comsvcs.dmp full";

    static Process rundll32() {
        return th.machine("WORKSTATION5").processes().file("rundll32.exe").fetch().get(0);
    }

    @Test
    void actionsCarryTheUserAndTheMd5OfTheirProcess() {
        Hits<Process> loads = rundll32().executions().operation(Operation.Process.LOAD).fetch();
        assertEquals(29, loads.size());
        for (Process l : loads) {
            assertEquals("WORKSTATION5\\wardog", l.loggedUser());
            assertEquals(RUNDLL32_MD5, l.get("ParentMd5"));
            assertEquals("C:\\Windows\\System32\\rundll32.exe", l.get("ParentPath"));
        }
        Hits<dev.th.File> dumps = rundll32().files().file("lsass-comsvcs.dmp").fetch();
        assertEquals(1, dumps.size());
        assertEquals(RUNDLL32_MD5, dumps.get(0).get("ParentMd5"));
        assertEquals("WORKSTATION5\\wardog", dumps.get(0).get("LoggedUser"));
    }

    @Test
    void aProcessKnownByGuidReachesItsSecurityLogActions() {
        // the 3 Security 4663 of pid 4824 (Lsa key, lsass.exe twice) and its 3 4656 handle requests
        // (the same objects) beside the Sysmon 11 of the dump:
        // whichever family the Security log's object types land in, the process reaches them
        int security = 0;
        for (Row r : rundll32().files().fetch()) {
            security += "Security".equals(r.get("Channel")) ? 1 : 0;
        }
        for (Row r : rundll32().registry().fetch()) {
            security += "Security".equals(r.get("Channel")) ? 1 : 0;
        }
        for (Row r : rundll32().executions().fetch()) {
            security += "Security".equals(r.get("Channel")) ? 1 : 0;
        }
        assertEquals(6, security);
    }

    @Test
    void theLsassDumpTreeShowsRundll32sCommandLine() {
        // powershell.exe 6100 (not logged) -> rundll32.exe 4824 with the MiniDump command line
        Hits<Process> tree = rundll32().executionTree();
        assertEquals(List.of("rundll32.exe"), tree.list().stream().map(Process::name).toList());
        assertEquals(DUMP_COMMAND, tree.get(0).commandLine());
        assertEquals(DUMP_COMMAND, tree.frame().get("CommandLine", 0));
        assertEquals("powershell.exe", tree.get(0).parentFilename());
        assertEquals(DUMP_COMMAND, th.process("39e4a257-d4ad-5f8c-3303-000000000700").commandLine());
    }

    @Test
    void aSecurityLogCreationKnowsItsParentFromTheParentsCreation() {
        try (TH evtx = Stores.openEvtx()) {
            Machine fs03 = evtx.machine("FS03");
            Process cmd = fs03.processes().file("cmd.exe").fetch().get(0);
            assertEquals(452L, cmd.pid());
            assertEquals(2140L, cmd.parentPid());
            assertEquals("runas.exe", cmd.parentFilename());
            assertEquals("C:\\Windows\\System32\\runas.exe", cmd.get("ParentPath"));
            assertEquals("OFFSEC\\hack1", cmd.loggedUser());
            Process conhost = fs03.processes().file("conhost.exe").fetch().get(0);
            assertEquals("cmd.exe", conhost.parentFilename());
            // runas.exe's own parent (pid 1032) was not logged: nothing to join
            Process runas = fs03.processes().file("runas.exe").fetch().get(0);
            assertEquals(null, runas.parentFilename());
            assertTrue(runas.commandLine().contains("/user:offsec\\hack1"));
        }
    }
}
