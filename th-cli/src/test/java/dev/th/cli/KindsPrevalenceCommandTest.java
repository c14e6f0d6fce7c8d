package dev.th.cli;

import static dev.th.cli.AskStore.column;
import static dev.th.cli.AskStore.json;
import static dev.th.cli.AskStore.th;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code --kind} and {@code --parent-kind} on the question store, against the file names an
 * independent SQL count finds; {@code th file NAME prevalence} and {@code th client ID prevalence}.
 */
class KindsPrevalenceCommandTest {
    /** The interpreters of TH's list that the question store's creations hold (cmd, powershell, mshta, ...). */
    private static final Set<String> INTERPRETERS = Set.of("cmd.exe", "powershell.exe", "pwsh.exe", "mshta.exe",
            "wscript.exe", "cscript.exe", "python.exe", "java.exe", "wsl.exe", "bash.exe");

    @Test
    void kindFilter_matchesTheChild_parentKindTheActor() throws SQLException {
        JsonNode rows = json("client", "default", "executions", "--kind", "interpreter", "--operation", "create", "--period", "all");
        Set<String> names = lower(column(rows, "ChildFilename"));
        Set<String> expected = new TreeSet<>();
        for (String n : INTERPRETERS) {
            if (StoreSql.count(AskStore.db(), "SELECT count(*) FROM events WHERE Family = 'process' AND Operation = 'create' "
                    + "AND lower(ChildFilename) = ?", n) > 0) {
                expected.add(n);
            }
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected, names);

        JsonNode byParent = json("client", "default", "executions", "--parent-kind", "interpreter", "--operation", "create",
                "--period", "all");
        assertFalse(byParent.isEmpty());
        assertTrue(INTERPRETERS.containsAll(lower(column(byParent, "ParentFilename"))), byParent::toString);
        // IEWIN7's chain: cmd starts rundll32 (a LOLBAS admin tool, not an interpreter)
        assertTrue(lower(column(byParent, "ChildFilename")).contains("rundll32.exe"), byParent::toString);

        Run allowed = th("client", "default", "executions", "--kind", "userallowed", "--period", "all");
        assertEquals(0, allowed.exit(), allowed::toString);
        assertTrue(allowed.err().contains("allow list"), allowed::toString);
        Run wrong = th("client", "default", "executions", "--parent-kind", "interpreters", "--period", "all");
        assertEquals(2, wrong.exit(), wrong::toString);
    }

    @Test
    void prevalence_ofAFile_andOfAnIp() throws SQLException {
        JsonNode p = json("file", "PsExec64.exe", "prevalence");
        long events = StoreSql.count(AskStore.db(), "SELECT count(*) FROM events WHERE lower(ChildFilename) = 'psexec64.exe' "
                + "OR lower(ParentFilename) = 'psexec64.exe'");
        long fleet = StoreSql.count(AskStore.db(), "SELECT count(DISTINCT Muid) FROM events WHERE ClientId = 'default'");
        assertEquals(1, p.get(0).get("Machines").asLong());
        assertEquals(events, p.get(0).get("Events").asLong());
        assertEquals(fleet, p.get(0).get("Fleet").asLong());
        assertEquals("seen on 1 of " + fleet + " machines", p.get(0).get("Prevalence").asText());
        assertEquals("2021-12-04T21:19:16.741995Z", p.get(0).get("FirstSeen").asText());

        String ip = "168.63.129.16"; // Azure's host agent address, WORKSTATION5 talks to it
        long ipEvents = StoreSql.count(AskStore.db(), "SELECT count(*) FROM events WHERE RemoteIp = ? OR LocalIp = ?", ip, ip);
        long ipMachines = StoreSql.count(AskStore.db(), "SELECT count(DISTINCT Muid) FROM events WHERE RemoteIp = ? OR LocalIp = ?", ip, ip);
        JsonNode q = json("client", "default", "prevalence", "--ips", ip);
        assertEquals(ipEvents, q.get(0).get("Events").asLong());
        assertEquals(ipMachines, q.get(0).get("Machines").asLong());

        Run none = th("client", "default", "prevalence", "--ips", "192.0.2.1");
        assertEquals(0, none.exit(), none::toString);
        assertTrue(none.err().contains("no stored event holds it"), none::toString);
        Run two = th("client", "default", "prevalence");
        assertEquals(2, two.exit(), two::toString);
    }

    private static Set<String> lower(List<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add(n.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
