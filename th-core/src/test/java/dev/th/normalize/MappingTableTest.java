package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.model.Column;
import dev.th.model.Family;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shipped mapping tables: well formed, and every name in them is one TH knows. */
class MappingTableTest {
    /**
     * Operations per family: the seed's lists (get_executions, get_files, get_registry), plus
     * DESIGN.md's additions (process access, file stream, registry delete and rename) and the
     * logon kinds this normalizer names. Families without an Operation in the seed have none.
     */
    static final Map<Family, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry(Family.PROCESS, Set.of("create", "kill", "thread", "load", "access")),
            Map.entry(Family.FILE, Set.of("create", "modify", "delete", "rename", "folder", "newcmp", "opencmp", "access", "script", "stream")),
            Map.entry(Family.REGISTRY, Set.of("create", "modify", "access", "delete", "rename")),
            Map.entry(Family.LOGON, Set.of("logon", "failed", "logoff", "explicit", "privileged",
                    "validate", "tgt", "service-ticket", "preauth-failed", "reconnect", "disconnect",
                    "rdp-logon", "rdp-shell", "rdp-logoff", "rdp-disconnect", "rdp-reconnect", "rdp-auth", "boot", "shutdown")),
            Map.entry(Family.SCRIPT, Set.of("module", "engine-start", "engine-stop", "provider", "pipeline")),
            Map.entry(Family.NETWORK, Set.of("blocked")),
            Map.entry(Family.BIND, Set.of("blocked")),
            Map.entry(Family.DNS, Set.of()),
            Map.entry(Family.DETECTION, Set.of()),
            Map.entry(Family.BLOCKED, Set.of()),
            // part fam: services, scheduled tasks, WMI and named pipes (docs/normalize.md)
            Map.entry(Family.SERVICE, Set.of("installed", "state", "starttype", "driver")),
            Map.entry(Family.TASK, Set.of("created", "deleted", "enabled", "disabled", "updated", "launched", "started", "completed")),
            Map.entry(Family.WMI, Set.of("filter", "consumer", "binding", "provider", "failed", "subscription", "temporary", "permanent")),
            Map.entry(Family.PIPE, Set.of("created", "connected")));

    static List<String> resource(String name) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                MappingTable.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    static List<String[]> rows(String name) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : resource(name)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    @Test
    void shippedTableLoads() {
        MappingTable t = MappingTable.standard();
        // the event ids of events.tsv (26 of part fam; of part logon 6 Kerberos/NTLM/reconnects, 5 PowerShell, 6 RDP, 5 boots)
        assertEquals(44 + 26 + 6 + 5 + 6 + 5, t.rules().size());
    }

    @Test
    void everyColumnNamedExistsInColumn() throws IOException {
        Set<String> names = new HashSet<>();
        for (Column c : Column.values()) {
            names.add(c.name());
        }
        for (String[] row : rows(MappingTable.FIELDS)) {
            assertTrue(names.contains(row[2]), () -> "fields.tsv names unknown column " + row[2]);
        }
    }

    @Test
    void everyOperationIsOneOfTheSeeds() throws IOException {
        for (String[] row : rows(MappingTable.EVENTS)) {
            Family family = Family.valueOf(row[2].toUpperCase(java.util.Locale.ROOT));
            if (row[3].equals("-")) {
                continue;
            }
            for (String op : row[3].split("\\|")) {
                assertTrue(ALLOWED.get(family).contains(op), () -> row[0] + " " + row[1] + ": operation " + op + " is not one of " + family.label() + "'s");
            }
        }
        for (EventRule r : MappingTable.standard().rules()) {
            for (String op : r.operations) {
                assertTrue(ALLOWED.get(r.family).contains(op), r.source + " " + r.eventId);
            }
        }
    }

    @Test
    void noDuplicateKeys() throws IOException {
        Set<String> events = new HashSet<>();
        for (String[] row : rows(MappingTable.EVENTS)) {
            for (String id : row[1].split(",")) {
                assertTrue(events.add(row[0] + "|" + id), "events.tsv maps " + row[0] + " " + id + " twice");
            }
        }
        Set<String> fields = new HashSet<>();
        for (String[] row : rows(MappingTable.FIELDS)) {
            for (String id : row[1].split(",")) {
                assertTrue(events.contains(row[0] + "|" + id), "fields.tsv: " + row[0] + " " + id + " is not in events.tsv");
                assertTrue(fields.add(row[0] + "|" + id + "|" + row[2]), "fields.tsv maps " + row[0] + " " + id + " " + row[2] + " twice");
            }
        }
        Set<String> sources = new HashSet<>();
        for (String[] row : rows(MappingTable.SOURCES)) {
            assertTrue(sources.add(row[0]));
        }
    }

    @Test
    void designTableRowsAreAllThere() {
        MappingTable t = MappingTable.standard();
        String sysmon = "Microsoft-Windows-Sysmon/Operational";
        int[] sysmonIds = {1, 2, 3, 5, 7, 8, 10, 11, 12, 13, 14, 15, 22, 23, 26, 27, 28, 29};
        for (int id : sysmonIds) {
            assertNotNull(t.find(sysmon, null, id), "Sysmon " + id);
        }
        for (int id : new int[] {4688, 4689, 4656, 4660, 4663, 5145, 4657, 4624, 4625, 4634, 4647, 4648, 4672,
            5156, 5157, 5158, 5159}) {
            assertNotNull(t.find("Security", null, id), "Security " + id);
        }
        assertNotNull(t.find("Microsoft-Windows-PowerShell/Operational", null, 4104));
        assertNotNull(t.find(null, "Microsoft-Windows-Windows Defender", 1116));
        for (int id : new int[] {1117, 1118, 1119, 1121, 1122, 1125, 1126}) {
            assertNotNull(t.find("Microsoft-Windows-Windows Defender/Operational", null, id), "Defender " + id);
        }
        assertNull(t.find(sysmon, null, 4));
        assertNull(t.find("Security", null, 5379));
        assertNull(t.find("Application", "Application", 1));
    }

    @Test
    void badTablesAreRefusedNamingFileAndLine() throws IOException {
        List<String> sources = resource(MappingTable.SOURCES);
        List<String> events = resource(MappingTable.EVENTS);
        List<String> fields = new ArrayList<>(resource(MappingTable.FIELDS));
        fields.add("sysmon\t1\tChildPathh\tImage\ttext");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MappingTable.parse(sources, events, fields));
        assertEquals("mapping fields.tsv:" + fields.size() + ": unknown column 'ChildPathh' (not in dev.th.model.Column)", e.getMessage());

        fields.set(fields.size() - 1, "sysmon\t1\tChildPath\tImage\ttext");
        e = assertThrows(IllegalArgumentException.class, () -> MappingTable.parse(sources, events, fields));
        assertEquals("mapping fields.tsv:" + fields.size() + ": sysmon 1 column ChildPath is mapped twice", e.getMessage());

        fields.set(fields.size() - 1, "sysmon\t4\tChildPath\tImage\ttext");
        e = assertThrows(IllegalArgumentException.class, () -> MappingTable.parse(sources, events, fields));
        assertTrue(e.getMessage().contains("sysmon 4 has no row in events.tsv"), e.getMessage());

        fields.set(fields.size() - 1, "sysmon\t1\tRemotePort\tDestinationPort\tpid");
        e = assertThrows(IllegalArgumentException.class, () -> MappingTable.parse(sources, events, fields));
        assertTrue(e.getMessage().contains("conversion pid gives BIGINT but column RemotePort is INT"), e.getMessage());

        List<String> events2 = new ArrayList<>(events);
        events2.add("sysmon\t1\tprocess\tcreate\t-");
        e = assertThrows(IllegalArgumentException.class, () -> MappingTable.parse(sources, events2, fields.subList(0, fields.size() - 1)));
        assertEquals("mapping events.tsv:" + events2.size() + ": sysmon 1 is mapped twice", e.getMessage());

        events2.set(events2.size() - 1, "sysmon\t99\tprocesses\tcreate\t-");
        e = assertThrows(IllegalArgumentException.class, () -> MappingTable.parse(sources, events2, fields.subList(0, fields.size() - 1)));
        assertTrue(e.getMessage().startsWith("mapping events.tsv:" + events2.size() + ": unknown family 'processes'"), e.getMessage());
    }
}
