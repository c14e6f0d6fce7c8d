package dev.th.cli;

import static dev.th.cli.AskStore.column;
import static dev.th.cli.AskStore.json;
import static dev.th.cli.AskStore.keys;
import static dev.th.cli.AskStore.th;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code th user NAME METHOD} and {@code th file MD5|PATH|NAME METHOD}. OFFSEC\hack1 (the runas
 * target on FS03) acted 7 times on Saturday 2021-11-13 at 14h, starting cmd, conhost, ctfmon;
 * PsExec64.exe ran on fs03vuln from 21:19:16.741995 to 21:19:17.757697 on 2021-12-04.
 */
class UserFileCommandTest {

    @Test
    void userMachinesExecutionsTimetable() {
        assertEquals(List.of("FS03.offsec.lan"), column(json("user", "OFFSEC\\hack1", "machines"), "MachineName"));
        JsonNode exec = json("user", "hack1", "executions", "--operation", "create", "--period", "all");
        assertEquals(SeedColumnsSpec.MACHINE_EXECUTIONS, keys(exec.get(0)));
        assertEquals(List.of("cmd.exe", "conhost.exe", "ctfmon.exe"), column(exec, "ChildFilename"));
        assertEquals(List.of("ctfmon.exe"), column(json("user", "hack1", "executions", "--command", "ctfmon", "--period", "all"),
                "ChildFilename"));
        JsonNode tt = json("user", "hack1", "timetable", "--period", "all");
        assertEquals("[{\"LoggedUser\":\"OFFSEC\\\\hack1\",\"Weekday\":6,\"Hour\":14,\"AvgActions\":7.0,\"StdActions\":0.0}]",
                tt.toString());
        Run today = th("user", "hack1", "timetable");
        assertEquals(0, today.exit());
        assertTrue(today.err().contains("nothing in period today") && today.err().contains("2021-11-13"), today::toString);
        Run none = th("user", "x' OR '1'='1", "machines");
        assertEquals(1, none.exit(), none::toString);
        Run wrong = th("user", "hack1", "executions", "--user", "admmig");
        assertEquals(2, wrong.exit(), wrong::toString);
    }

    @Test
    void fileMachinesExecutionsDetectionsSeen() {
        assertEquals(List.of("fs03vuln.offsec.lan"), column(json("file", "PsExec64.exe", "machines"), "MachineName"));
        JsonNode exec = json("file", "PSEXEC64.EXE", "executions", "--period", "all");
        assertEquals(SeedColumnsSpec.MACHINE_EXECUTIONS, keys(exec.get(0)));
        assertEquals(List.of("2124"), column(exec, "ChildPid"));
        assertEquals(List.of("OFFSEC\\admmig"), column(json("file", "PsExec64.exe", "executions", "--user", "admmig",
                "--operation", "create", "--period", "all"), "LoggedUser"));
        assertEquals("2021-12-04T21:19:16.741995Z\n", th("file", "PsExec64.exe", "first_seen").out());
        assertEquals("2021-12-04T21:19:17.757697Z\n", th("file", "PsExec64.exe", "get_last_seen").out());
        assertEquals("2019-05-21T15:32:57.867089Z\n", th("file", "C:\\Windows\\System32\\mshta.exe", "first_seen").out());
        assertEquals(List.of("IEWIN7"), column(json("file", "abdfc692d9fe43e2ba8fe6cb5a8cb95a", "machines"), "MachineName"));
        Run det = th("file", "PsExec64.exe", "detections", "--period", "all", "--format", "csv");
        assertEquals(String.join(",", SeedColumnsSpec.DETECTIONS) + "\r\n", det.out());
        Run none = th("file", "' OR 1=1 --", "machines");
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("no file"), none::toString);
    }
}
