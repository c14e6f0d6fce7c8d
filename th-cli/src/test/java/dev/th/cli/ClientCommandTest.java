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
 * {@code th client ID METHOD}: the four machines of the test store (one client, {@code default}),
 * lookups across them by file, IP, user and command line, and the machine questions fleet-wide.
 * Creations by hand: WORKSTATION5 14 (7 processes, each by Sysmon and by Security), IEWIN7 4,
 * FS03 4, fs03vuln 2.
 */
class ClientCommandTest {

    @Test
    void machinesAndLookups() {
        JsonNode all = json("client", "default", "machines");
        assertEquals(List.of("Muid", "MachineName", "ClientId", "FirstSeen", "LastSeen", "Events"), keys(all.get(0)));
        assertEquals(Set.of("FS03.offsec.lan", "IEWIN7", "WORKSTATION5", "fs03vuln.offsec.lan"), Set.copyOf(column(all, "MachineName")));
        assertEquals(List.of("IEWIN7"), column(json("client", "default", "machines", "--ips", "105.73.6.112"), "MachineName"));
        JsonNode hack1 = json("client", "default", "machines", "--user", "hack1");
        assertEquals(List.of("FS03.offsec.lan"), column(hack1, "MachineName"));
        assertEquals(7, hack1.get(0).get("Events").asInt());
        assertEquals(List.of("fs03vuln.offsec.lan"), column(json("client", "default", "machines", "--file", "psexec64.exe"), "MachineName"));
        assertEquals(List.of("IEWIN7"),
                column(json("client", "default", "machines", "--file", "abdfc692d9fe43e2ba8fe6cb5a8cb95a"), "MachineName"));
        assertEquals(List.of("FS03.offsec.lan"), column(json("client", "default", "machines", "--command", "RUNAS  /user"), "MachineName"));
        for (String attack : List.of("' OR '1'='1", "x'); DROP TABLE events; --", "%")) {
            assertEquals(0, json("client", "default", "machines", "--user", attack).size(), attack);
            assertEquals(0, json("client", "default", "machines", "--file", attack).size(), attack);
            assertEquals(0, json("client", "default", "machines", "--ips", attack).size(), attack);
        }
        assertEquals(0, json("client", "default", "machines", "--command", "' OR '1'='1").size());

        Run two = th("client", "default", "machines", "--user", "hack1", "--ips", "105.73.6.112");
        assertEquals(2, two.exit(), two::toString);
        Run period = th("client", "default", "machines", "--period", "all");
        assertEquals(2, period.exit(), period::toString);
        Run none = th("client", "acme", "machines");
        assertEquals(1, none.exit(), none::toString);
        assertTrue(none.err().contains("no client 'acme'") && none.err().contains("default"), none::toString);
    }

    @Test
    void fleetWideQuestions() {
        JsonNode created = json("client", "default", "executions", "--operation", "create", "--period", "all");
        assertEquals(SeedColumnsSpec.MACHINE_EXECUTIONS, keys(created.get(0)));
        // PsExec sample 2 Sysmon 1, runas sample 4 Security 4688, IEWIN7 4 Sysmon 1, WORKSTATION5 7 Sysmon 1
        // (its 7 Security 4688 are the same processes)
        assertEquals(17, created.size());
        assertEquals(List.of("PSEXESVC.exe"), column(json("client", "default", "files", "--operation", "create", "--period", "all"),
                "ChildFilename"));
        assertEquals(55, json("client", "default", "registry", "--operation", "modify", "--period", "all").size());
        JsonNode top = json("client", "default", "communications", "--top", "1", "--period", "all");
        assertEquals(SeedColumnsSpec.MACHINE_COMMUNICATIONS, keys(top.get(0)));
        assertEquals(1, top.size());
        assertEquals(List.of("cmd.exe", "conhost.exe", "ctfmon.exe"),
                column(json("client", "default", "processes", "--user", "OFFSEC\\hack1", "--period", "all"), "ChildFilename"));
        assertEquals(List.of("OFFSEC\\admmig", "OFFSEC\\hack1"),
                column(json("client", "default", "users", "--users", "offsec", "--period", "all"), "LoggedUser"));
        for (String m : List.of("detections", "blocked")) {
            Run r = th("client", "default", m, "--period", "all", "--format", "csv");
            assertEquals(String.join(",", SeedColumnsSpec.DETECTIONS) + "\r\n", r.out(), m);
        }
        // ingest hunts with TH's rule pack: the client's IoAs are its machines' IoAs
        JsonNode ioas = json("client", "default", "ioas", "--period", "all");
        assertEquals(SeedColumnsSpec.IOAS, keys(ioas.get(0)));
        int perMachine = 0;
        for (String machine : List.of("IEWIN7", "WORKSTATION5", "FS03", "fs03vuln.offsec.lan")) {
            perMachine += json("machine", machine, "ioas", "--period", "all").size();
        }
        assertEquals(perMachine, ioas.size());
        Run m = th("client", "default", "timetable");
        assertEquals(2, m.exit(), m::toString);
        assertTrue(m.err().contains("allowed: machines, prevalence, executions, files, registry, communications, detections, blocked, "
                + "processes, users, ioas"), m::toString);
    }
}
