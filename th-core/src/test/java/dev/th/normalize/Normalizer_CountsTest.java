package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whole files: the rows of each family/operation equal the sums of the per-EventID counts that
 * reference-counts.json gives for the events DESIGN.md sends there (written out below, apart
 * from the mapping tables), and every other event is raw.
 */
class Normalizer_CountsTest {
    static final String SYSMON = "microsoft-windows-sysmon/operational";
    static final String SECURITY = "security";
    static final String POWERSHELL = "microsoft-windows-powershell/operational";
    static final String DEFENDER = "microsoft-windows-windows defender/operational";
    static final String SYSTEM = "system";
    static final String TASKS = "microsoft-windows-taskscheduler/operational";
    static final String WMI = "microsoft-windows-wmi-activity/operational";
    static final String CLASSIC_POWERSHELL = "windows powershell";
    static final String RDP_LSM = "microsoft-windows-terminalservices-localsessionmanager/operational";
    static final String RDP_RCM = "microsoft-windows-terminalservices-remoteconnectionmanager/operational";

    /** family/operation -> the "channel|id" keys (lower-case channel) whose events go there. */
    static final Map<String, String[]> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("process/create", keys(SYSMON, 1).and(SECURITY, 4688).done()),
            Map.entry("process/kill", keys(SYSMON, 5).and(SECURITY, 4689).done()),
            Map.entry("process/thread", keys(SYSMON, 8).done()),
            Map.entry("process/load", keys(SYSMON, 7).done()),
            Map.entry("process/access", keys(SYSMON, 10).done()),
            Map.entry("file/create+script", keys(SYSMON, 11).and(POWERSHELL, 4104).done()),
            Map.entry("file/modify", keys(SYSMON, 2).done()),
            Map.entry("file/delete", keys(SYSMON, 23, 26).done()),
            Map.entry("file/stream", keys(SYSMON, 15).done()),
            Map.entry("object-access/*", keys(SECURITY, 4656, 4663, 4660, 5145).done()),
            Map.entry("registry/create+delete", keys(SYSMON, 12).done()),
            Map.entry("registry/modify", keys(SYSMON, 13).and(SECURITY, 4657).done()),
            Map.entry("registry/rename", keys(SYSMON, 14).done()),
            Map.entry("network/-", keys(SYSMON, 3).and(SECURITY, 5156).done()),
            Map.entry("network/blocked", keys(SECURITY, 5157).done()),
            Map.entry("bind/*", keys(SECURITY, 5158, 5159).done()),
            Map.entry("dns/-", keys(SYSMON, 22).done()),
            Map.entry("logon/*", keys(SECURITY, 4624, 4625, 4634, 4647, 4648, 4672, 4776, 4768, 4769, 4771, 4778, 4779)
                    .and(RDP_LSM, 21, 22, 23, 24, 25).and(RDP_RCM, 1149).and(SYSTEM, 6005, 6006, 6009, 12, 13).done()),
            // part logon: PowerShell module logging and the classic log
            Map.entry("script/*", keys(POWERSHELL, 4103).and(CLASSIC_POWERSHELL, 400, 403, 600, 800).done()),
            Map.entry("detection/-", keys(DEFENDER, 1116, 1117, 1118, 1119, 1122, 1125).and(SYSMON, 29).done()),
            Map.entry("blocked/-", keys(SYSMON, 27, 28).and(DEFENDER, 1121, 1126).done()),
            // part fam: services, scheduled tasks, WMI, named pipes
            Map.entry("service/installed", keys(SYSTEM, 7045).and(SECURITY, 4697).done()),
            Map.entry("service/state", keys(SYSTEM, 7036).done()),
            Map.entry("service/starttype", keys(SYSTEM, 7040).done()),
            Map.entry("service/driver", keys(SYSMON, 6).done()),
            Map.entry("task/created", keys(SECURITY, 4698).and(TASKS, 106).done()),
            Map.entry("task/deleted", keys(SECURITY, 4699).and(TASKS, 141).done()),
            Map.entry("task/enabled", keys(SECURITY, 4700).done()),
            Map.entry("task/disabled", keys(SECURITY, 4701).done()),
            Map.entry("task/updated", keys(SECURITY, 4702).and(TASKS, 140).done()),
            Map.entry("task/launched", keys(TASKS, 129).done()),
            Map.entry("task/started", keys(TASKS, 200).done()),
            Map.entry("task/completed", keys(TASKS, 201).done()),
            Map.entry("wmi/filter", keys(SYSMON, 19).done()),
            Map.entry("wmi/consumer", keys(SYSMON, 20).done()),
            Map.entry("wmi/binding", keys(SYSMON, 21).done()),
            Map.entry("wmi/provider", keys(WMI, 5857).done()),
            Map.entry("wmi/failed", keys(WMI, 5858).done()),
            Map.entry("wmi/subscription", keys(WMI, 5859).done()),
            Map.entry("wmi/temporary", keys(WMI, 5860).done()),
            Map.entry("wmi/permanent", keys(WMI, 5861).done()),
            Map.entry("pipe/created", keys(SYSMON, 17).done()),
            Map.entry("pipe/connected", keys(SYSMON, 18).done())));

    static final java.util.Set<Integer> OBJECT_ACCESS = java.util.Set.of(4656, 4663, 4660, 5145);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Normalizer N = new Normalizer();

    @Test
    void otrfZips() throws IOException {
        JsonNode zips = reference().path("otrf_json_zips");
        int checked = 0;
        for (Iterator<String> it = zips.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode byId = zips.path(name).path("members").path(0).path("by_channel_eventid");
            List<RawEvent> events = TestEvents.otrfZip(SharedData.require(name));
            check(name, events, byId);
            checked++;
        }
        assertEquals(3, checked);
    }

    @Test
    void regressionJsonTwins() throws IOException {
        JsonNode evtx = reference().path("evtx");
        Path root = SharedData.require("sigma-regression");
        int checked = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path json : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                        String evtxKey = "sigma-regression/" + dir.getFileName() + "/" + json.getFileName().toString().replace(".json", ".evtx");
                        JsonNode byId = evtx.path(evtxKey).path("by_channel_eventid");
                        assertTrue(byId.size() > 0, "no reference counts for " + evtxKey);
                        check(json.toString(), TestEvents.evtxDumpJson(json), byId);
                        checked++;
                    }
                }
            }
        }
        assertEquals(94, checked);
    }

    @Test
    void everyEvtxFile() throws IOException {
        JsonNode evtx = reference().path("evtx");
        int checked = 0;
        for (Iterator<String> it = evtx.fieldNames(); it.hasNext();) {
            String name = it.next();
            check(name, TestEvents.evtx(SharedData.require(name)), evtx.path(name).path("by_channel_eventid"));
            checked++;
        }
        assertEquals(103, checked);
    }

    private static void check(String name, List<RawEvent> events, JsonNode byId) {
        Map<String, Long> reference = new TreeMap<>();
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = byId.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            reference.merge(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asLong(), Long::sum);
            total += e.getValue().asLong();
        }
        assertEquals(total, events.size(), name + ": events read");
        Map<String, Long> expected = new TreeMap<>();
        long mapped = 0;
        for (Map.Entry<String, String[]> e : EXPECTED.entrySet()) {
            long n = 0;
            for (String k : e.getValue()) {
                n += reference.getOrDefault(k, 0L);
            }
            expected.put(e.getKey(), n);
            mapped += n;
        }
        expected.put("raw/-", total - mapped);

        Map<String, Long> actual = new TreeMap<>();
        for (String k : expected.keySet()) {
            actual.put(k, 0L);
        }
        for (RawEvent e : events) {
            CanonicalEvent r = N.normalize(e, "default");
            String family = r.text(Column.Family);
            String op = r.get(Column.Operation) == null ? "-" : r.text(Column.Operation);
            String key = family + "/" + op;
            if (e.channel().equalsIgnoreCase("Security") && OBJECT_ACCESS.contains(e.eventId())) {
                key = "object-access/*"; // family by ObjectType: Normalizer_SecurityTest counts those
            } else if (family.equals("logon") || family.equals("script")) {
                key = family + "/*";
            } else if (family.equals("bind")) {
                key = "bind/*";
            } else if (key.equals("file/create") || key.equals("file/script")) {
                key = "file/create+script";
            } else if (key.equals("registry/create") || key.equals("registry/delete")) {
                key = "registry/create+delete";
            }
            actual.merge(key, 1L, Long::sum);
        }
        assertEquals(expected, actual, name);
    }

    static JsonNode reference() throws IOException {
        return JSON.readTree(SharedData.require("reference-counts.json").toFile());
    }

    private static Keys keys(String channel, int... ids) {
        return new Keys().and(channel, ids);
    }

    private static final class Keys {
        private final java.util.List<String> keys = new java.util.ArrayList<>();

        Keys and(String channel, int... ids) {
            for (int id : ids) {
                keys.add(channel + "|" + id);
            }
            return this;
        }

        String[] done() {
            return keys.toArray(new String[0]);
        }
    }
}
