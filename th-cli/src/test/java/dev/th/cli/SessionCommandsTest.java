package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code th machine NAME logons|sessions|session_processes|scripts} and {@code th user NAME
 * sessions} on the quick start's samples. The Runas sample of FS03, read with evtxexport: hack1
 * logs on twice (type 2, seclogo, from ::1: 0xa6f5fa4, given special privileges by a 4672, and
 * 0xa6f5fc2), admmig's 4648 names hack1's credentials, and cmd.exe, conhost.exe and ctfmon.exe
 * are created under 0xa6f5fc2.
 */
class SessionCommandsTest {

    @Test
    void sessions_runasPairIsOneElevatedLocalSession() {
        JsonNode rows = AskStore.json("machine", "FS03", "sessions", "--period", "all");
        assertEquals(1, rows.size(), rows::toString);
        JsonNode s = rows.get(0);
        assertEquals("OFFSEC\\hack1", s.path("LoggedUser").asText());
        assertEquals("0xa6f5fc2", s.path("LogonId").asText());
        assertEquals("0xa6f5fa4", s.path("LinkedLogonId").asText());
        assertTrue(s.path("Elevated").asBoolean());
        assertEquals(false, s.path("Remote").asBoolean());
        assertEquals(3, s.path("Processes").asInt());
        assertEquals(1, AskStore.json("user", "hack1", "sessions", "--period", "all").size());
        assertEquals(0, AskStore.json("machine", "FS03", "sessions", "--remote", "--period", "all").size());
    }

    @Test
    void sessionProcesses_andAttempts() {
        JsonNode procs = AskStore.json("machine", "FS03", "session_processes", "--logon-id", "0xa6f5fa4", "--period", "all");
        assertEquals(List.of("cmd.exe", "conhost.exe", "ctfmon.exe"), AskStore.column(procs, "ChildFilename"));
        JsonNode attempts = AskStore.json("machine", "FS03", "logons", "--operation", "failed,explicit", "--period", "all");
        assertEquals(List.of("OFFSEC\\hack1"), AskStore.column(attempts, "LoggedUser"));
        assertEquals(List.of("explicit"), AskStore.column(attempts, "Operation"));
        Run none = AskStore.th("machine", "FS03", "session_processes", "--logon-id", "0x1", "--period", "all");
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("no session of"), none::toString);
    }

    @Test
    void scripts_onAMachineWithoutPowerShellSaySo() {
        Run r = AskStore.th("machine", "FS03", "scripts", "--period", "all");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("no PowerShell event"), r::toString);
    }
}
