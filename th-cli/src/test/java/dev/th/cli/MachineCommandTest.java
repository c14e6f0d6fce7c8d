package dev.th.cli;

import static dev.th.cli.AskStore.column;
import static dev.th.cli.AskStore.json;
import static dev.th.cli.AskStore.keys;
import static dev.th.cli.AskStore.th;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code th machine NAME METHOD} for every Machine method of the seed, on IEWIN7 (one EVTX of
 * Sysmon 1, 3, 11: cmd → rundll32 → mshta → schtasks, mshta's three outgoing HTTP(S)
 * connections, one file written by svchost, all on 2019-05-21 between 15:32:57 and 15:33:01)
 * and WORKSTATION5 (the OTRF samples: 44 registry creations, 52 modifications).
 */
class MachineCommandTest {

    @Test
    void executionsByOperationWithTheSeedsColumnsInJson() {
        JsonNode rows = json("machine", "IEWIN7", "executions", "--operation", "create", "--period", "all");
        assertEquals(4, rows.size(), rows::toString);
        assertEquals(SeedColumnsSpec.MACHINE_EXECUTIONS, keys(rows.get(0)));
        assertEquals(List.of("cmd.exe", "rundll32.exe", "mshta.exe", "schtasks.exe"), column(rows, "ChildFilename"));
        assertEquals(List.of("1532", "2920", "2432", "3772"), column(rows, "ChildPid"));
        assertEquals("2019-05-21T15:32:57.867089Z", rows.get(2).get("DateTime").asText());
        assertEquals("IEWIN7\\IEUser", rows.get(2).get("LoggedUser").asText());
        // get_ prefix and case are accepted; other operations and filters narrow the same rows
        assertEquals(4, json("machine", "iewin7", "GET_EXECUTIONS", "--period", "all").size());
        assertEquals(0, json("machine", "IEWIN7", "executions", "--operation", "kill,load,thread", "--period", "all").size());
        assertEquals(List.of("mshta.exe"), column(json("machine", "IEWIN7", "executions", "--file", "MSHTA.EXE", "--period", "all"), "ChildFilename"));
        assertEquals(4, json("machine", "IEWIN7", "executions", "--user", "ieuser", "--period", "all").size());
        assertEquals(0, json("machine", "IEWIN7", "executions", "--user", "nobody", "--period", "all").size());
        // Kind is set at ingest: of cmd, rundll32, mshta and schtasks, cmd and mshta are interpreters;
        // the attributes are filled by enrichment: until then nothing matches them
        assertEquals(java.util.Set.of("cmd.exe", "mshta.exe"), new java.util.HashSet<>(column(json("machine", "IEWIN7",
                "executions", "--kind", "interpreter", "--period", "all"), "ChildFilename")));
        assertEquals(0, json("machine", "IEWIN7", "executions", "--attributes", "ATTR_REMOTE,ATTR_EXTERNAL", "--period", "all").size());
        // by Muid, and within one client
        assertEquals(4, json("machine", AskStore.IEWIN7_MUID, "executions", "--client", "default", "--period", "2019-05-21").size());
    }

    @Test
    void commandFilterMatchesLiteralTextOnlyEvenWithSqlOrWildcards() {
        // cmd's and rundll32's command lines hold "mshta https" and "%%20"; only schtasks' holds "_"
        assertEquals(List.of("cmd.exe", "rundll32.exe"),
                column(json("machine", "IEWIN7", "executions", "--command", "MSHTA HTTPS", "--period", "all"), "ChildFilename"));
        assertEquals(List.of("cmd.exe", "rundll32.exe"),
                column(json("machine", "IEWIN7", "executions", "--command", "%", "--period", "all"), "ChildFilename"));
        assertEquals(List.of("schtasks.exe"),
                column(json("machine", "IEWIN7", "executions", "--command", "_", "--period", "all"), "ChildFilename"));
        // a backslash is a character like any other (every command line here holds one), not an escape
        assertEquals(4, json("machine", "IEWIN7", "executions", "--command", "\\", "--period", "all").size());
        for (String attack : List.of("' OR '1'='1", "x' OR 1=1 --", "'); DROP TABLE events; --", "\\'")) {
            assertEquals(0, json("machine", "IEWIN7", "executions", "--command", attack, "--period", "all").size(), attack);
            assertEquals(0, json("machine", "IEWIN7", "executions", "--user", attack, "--period", "all").size(), attack);
            assertEquals(0, json("machine", "IEWIN7", "executions", "--file", attack, "--period", "all").size(), attack);
        }
        assertEquals(4, json("machine", "IEWIN7", "executions", "--period", "all").size(), "the store is intact");
    }

    @Test
    void defaultPeriodIsTodayAndTheNoteSaysWhichPeriodHoldsData() {
        Run r = th("machine", "IEWIN7", "executions");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("(0 rows)"), r::toString);
        assertTrue(r.err().contains("nothing in period today") && r.err().contains("2019-05-21"), r::toString);
        // a filter that matches nothing in any period gets no note pointing at another period
        Run never = th("machine", "IEWIN7", "executions", "--file", "notepad.exe");
        assertEquals(0, never.exit(), never::toString);
        assertEquals("", never.err(), never::toString);
        Run t = th("machine", "IEWIN7", "timetable");
        assertEquals(0, t.exit(), t::toString);
        assertTrue(t.err().contains(firstSeen()), t::toString);
    }

    @Test
    void filesAndRegistry() {
        JsonNode files = json("machine", "IEWIN7", "files", "--period", "all");
        assertEquals(1, files.size());
        assertEquals(SeedColumnsSpec.FILES, keys(files.get(0)));
        assertEquals("C:\\Windows\\System32\\Tasks\\MSOFFICE_", files.get(0).get("ChildPath").asText());
        assertEquals("svchost.exe", files.get(0).get("ParentFilename").asText());
        assertEquals(1, json("machine", "IEWIN7", "files", "--operation", "script", "--file", "MSOFFICE_", "--period", "all").size());
        assertEquals(0, json("machine", "IEWIN7", "files", "--operation", "create,modify,delete,rename,folder,newcmp,opencmp,access",
                "--period", "all").size());

        JsonNode modified = json("machine", "WORKSTATION5", "registry", "--operation", "modify", "--period", "all");
        assertEquals(52, modified.size());
        assertEquals(SeedColumnsSpec.MACHINE_REGISTRY, keys(modified.get(0)));
        assertEquals(44, json("machine", "WORKSTATION5", "registry", "--operation", "create", "--period", "all").size());
        // the Security 4656/4663 on Key objects: PurpleSharp 24 + 7, the comsvcs dump 3 + 3
        assertEquals(37, json("machine", "WORKSTATION5", "registry", "--operation", "access", "--period", "all").size());
    }

    @Test
    void communicationsWithEveryFilter() {
        JsonNode all = json("machine", "IEWIN7", "communications", "--period", "all");
        assertEquals(3, all.size());
        assertEquals(SeedColumnsSpec.MACHINE_COMMUNICATIONS, keys(all.get(0)));
        assertEquals(List.of("108.179.232.58", "105.73.6.112", "105.73.6.105"), column(all, "RemoteIp"));
        assertEquals(Set.of("Outgoing"), Set.copyOf(column(all, "Direction")));
        assertEquals(Set.of("Public"), Set.copyOf(column(all, "Ipv4Status")));
        assertEquals(Set.of("mshta.exe"), Set.copyOf(column(all, "ParentFilename")));
        assertEquals("2019-05-21", all.get(0).get("Date").asText());
        assertEquals(List.of("108.179.232.58"), column(json("machine", "IEWIN7", "communications", "--port", "HTTPS", "--period", "all"), "RemoteIp"));
        assertEquals(2, json("machine", "IEWIN7", "communications", "--port", "80", "--period", "all").size());
        assertEquals(3, json("machine", "IEWIN7", "communications", "--protocol", "tcp", "--period", "all").size());
        assertEquals(0, json("machine", "IEWIN7", "communications", "--protocol", "UDP", "--period", "all").size());
        assertEquals(0, json("machine", "IEWIN7", "communications", "--iptype", "Private", "--period", "all").size());
        assertEquals(3, json("machine", "IEWIN7", "communications", "--iptype", "public", "--period", "all").size());
        assertEquals(0, json("machine", "IEWIN7", "communications", "--direction", "Incoming", "--period", "all").size());
        assertEquals(List.of("105.73.6.112"),
                column(json("machine", "IEWIN7", "communications", "--ips", "105.73.6.112", "--period", "all"), "RemoteIp"));
        assertEquals(3, json("machine", "IEWIN7", "communications", "--file", "mshta.exe", "--period", "all").size());
        JsonNode top = json("machine", "IEWIN7", "communications", "--top", "2", "--period", "all");
        assertEquals(2, top.size());
        assertEquals(List.of("1", "1"), column(top, "Times"));
    }

    @Test
    void wrongValuesGiveOneLineListingTheAllowedValues() {
        Run op = th("machine", "IEWIN7", "executions", "--operation", "open");
        assertEquals(2, op.exit(), op::toString);
        assertEquals(1, op.err().strip().lines().count(), op::toString);
        assertTrue(op.err().contains("--operation") && op.err().contains("allowed: create, kill, thread, load"), op::toString);
        Run fop = th("machine", "IEWIN7", "files", "--operation", "kill");
        assertTrue(fop.err().contains("allowed: create, modify, delete, rename, folder, newcmp, opencmp, access, script"), fop::toString);
        Run kind = th("machine", "IEWIN7", "executions", "--kind", "virus");
        assertEquals(2, kind.exit(), kind::toString);
        assertTrue(kind.err().contains("allowed: interpreter, remoteaccess, admintool, hackingtool, userallowed"), kind::toString);
        Run port = th("machine", "IEWIN7", "communications", "--port", "GOPHER");
        assertEquals(2, port.exit(), port::toString);
        assertTrue(port.err().contains("allowed: FTP, SSH, TELNET, SMTP, HTTP, POP3, HTTPS, RDP"), port::toString);
        Run proto = th("machine", "IEWIN7", "communications", "--protocol", "SCTP");
        assertTrue(proto.err().contains("ICMP, IGMP, RFCOMM, TCP, RDP, UDP, ICMPV6, RM"), proto::toString);
        Run dir = th("machine", "IEWIN7", "communications", "--direction", "Sideways");
        assertTrue(dir.err().contains("Incoming") && dir.err().contains("Outgoing"), dir::toString);
        Run period = th("machine", "IEWIN7", "executions", "--period", "last week");
        assertEquals(2, period.exit(), period::toString);
        assertTrue(period.err().contains("allowed: today, all"), period::toString);
        Run hist = th("machine", "IEWIN7", "executions", "--histogram", "week");
        assertTrue(hist.err().contains("allowed: hour, day"), hist::toString);

        Run method = th("machine", "IEWIN7", "get_processes_tree");
        assertEquals(2, method.exit(), method::toString);
        assertTrue(method.err().contains("allowed: executions, files, registry, communications, detections, blocked, events, "
                + "ioas, processes, users, timetable, bandwidth, info, os_info, name, client, first_seen, last_seen, muid, coverage, "
                + "services, tasks, wmi, pipes"), method::toString);
        Run notHere = th("machine", "IEWIN7", "users", "--kind", "interpreter");
        assertEquals(2, notHere.exit(), notHere::toString);
        assertTrue(notHere.err().contains("users takes no --kind; its options: --period, --user, --histogram"), notHere::toString);
        Run unknownOption = th("machine", "IEWIN7", "users", "--nope");
        assertEquals(2, unknownOption.exit(), unknownOption::toString);
        assertEquals(1, unknownOption.err().strip().lines().count(), unknownOption::toString);

        Run noMachine = th("machine", "IEWIN8", "executions");
        assertEquals(1, noMachine.exit(), noMachine::toString);
        assertTrue(noMachine.err().contains("no machine 'IEWIN8'") && noMachine.err().contains("th machines"), noMachine::toString);
    }

    @Test
    void detectionsBlockedIoasAndBandwidthKeepTheSeedsColumnsWhenEmpty() {
        // the sample logs hold no Defender, Sysmon 27-29 or network byte counts, and no hunt has run
        assertEquals(String.join(",", SeedColumnsSpec.DETECTIONS), header("detections"));
        assertEquals(String.join(",", SeedColumnsSpec.DETECTIONS), header("blocked", "--user", "IEUser", "--file", "mshta.exe"));
        assertEquals(String.join(",", SeedColumnsSpec.IOAS), header("ioas", "--rules", "no such rule"));
        assertEquals(String.join(",", SeedColumnsSpec.BANDWIDTH), header("bandwidth", "--file", "mshta.exe"));
        assertEquals("DateTime,Count", header("detections", "--users", "IEUser", "--file", "mshta.exe", "--histogram", "hour"));
    }

    @Test
    void ioasOfTheHuntThatIngestRan() {
        // ingest hunts with TH's rule pack; mshta's download and the schtasks /create are in its scope
        JsonNode all = json("machine", "IEWIN7", "ioas", "--period", "all");
        assertTrue(all.size() >= 1, all::toString);
        assertEquals(SeedColumnsSpec.IOAS, keys(all.get(0)));
        assertEquals(Set.of(AskStore.IEWIN7_MUID), Set.copyOf(column(all, "muid")));
        JsonNode tasks = json("machine", "IEWIN7", "ioas", "--rules", "SCHEDULED TASK", "--period", "all");
        for (JsonNode r : tasks) {
            assertTrue(r.get("huntingRule").asText().toLowerCase(java.util.Locale.ROOT).contains("scheduled task"), r::toString);
        }
        assertTrue(tasks.size() <= all.size(), all::toString);
        assertEquals(0, json("machine", "IEWIN7", "ioas", "--rules", "' OR '1'='1", "--period", "all").size());
        Run today = th("machine", "IEWIN7", "ioas");
        assertEquals(0, today.exit(), today::toString);
        assertTrue(today.err().contains("nothing in period today"), today::toString);
    }

    private static String header(String... methodAndOptions) {
        List<String> args = new java.util.ArrayList<>(List.of("machine", "IEWIN7"));
        args.addAll(List.of(methodAndOptions));
        args.addAll(List.of("--period", "all", "--format", "csv"));
        Run r = th(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        assertEquals(1, r.out().lines().count(), r::toString);
        return r.out().lines().findFirst().orElseThrow();
    }

    @Test
    void eventsCountByTypeAsTheReferenceCountsAndKeepTheSeedsTwoDayLimit() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(SharedData.require("reference-counts.json").toFile())
                .get("evtx").get(AskStore.IEWIN7).get("by_channel_eventid");
        JsonNode byType = json("machine", "IEWIN7", "events", "--by", "type", "--period", "2019-05-21");
        Set<String> seen = new TreeSet<>();
        java.util.Map<String, Long> recovered = new java.util.TreeMap<>();
        AskStore.recoveredOfIewin7().forEach(e -> recovered.merge(e.channel() + "|" + e.eventId(), 1L, Long::sum));
        for (JsonNode r : byType) {
            String key = r.get("Channel").asText() + "|" + r.get("EventId").asText();
            long live = ref.has(key) ? ref.get(key).asLong() : 0;
            assertEquals(live + recovered.getOrDefault(key, 0L), r.get("Events").asLong(), key);
            seen.add(key);
        }
        java.util.Set<String> keys = new TreeSet<>(recovered.keySet());
        ref.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys, seen, ref::toString);
        JsonNode classif = json("machine", "IEWIN7", "events", "--by", "classif", "--period", "2019-05-20..2019-05-21");
        // the recovered record (a BITS-Client 60 of another log, its template lost) is kept raw
        assertEquals(List.of("process", "network", "file", "raw"), column(classif, "Family"));
        assertEquals(List.of("4", "3", "1", "1"), column(classif, "Events"));
        assertEquals(8 + 1, json("machine", "IEWIN7", "events", "--period", "2019-05-21").size());

        Run tooLong = th("machine", "IEWIN7", "events", "--period", "all");
        assertEquals(2, tooLong.exit(), tooLong::toString);
        assertTrue(tooLong.err().contains("1 or 2 days"), tooLong::toString);
        Run by = th("machine", "IEWIN7", "events", "--by", "user", "--period", "2019-05-21");
        assertTrue(by.err().contains("type") && by.err().contains("classif"), by::toString);
    }

    @Test
    void processesUsersTimetableAndHistogram() {
        JsonNode p = json("machine", "IEWIN7", "processes", "--period", "all");
        assertEquals(SeedColumnsSpec.PROCESSES, keys(p.get(0)));
        assertEquals(List.of("cmd.exe", "rundll32.exe", "mshta.exe", "schtasks.exe"), column(p, "ChildFilename"));
        assertEquals(List.of("mshta.exe"), column(json("machine", "IEWIN7", "processes", "--file", "mshta.exe", "--user", "IEUser",
                "--period", "all"), "ChildFilename"));
        assertEquals(0, json("machine", "IEWIN7", "processes", "--kind", "hackingtool", "--period", "all").size());

        JsonNode users = json("machine", "IEWIN7", "users", "--period", "all");
        assertEquals(SeedColumnsSpec.USERS, keys(users.get(0)));
        assertEquals("[{\"LoggedUser\":\"IEWIN7\\\\IEUser\",\"IniDate\":\"2019-05-21\",\"EndDate\":\"2019-05-21\",\"NumDays\":1}]",
                users.toString());
        assertEquals(0, json("machine", "IEWIN7", "users", "--users", "admin", "--period", "all").size());

        // 2019-05-21 was a Tuesday (weekday 2); 7 events of IEUser and the svchost file event without a user, at 15h,
        // and the recovered record (an older one, from the chunk's slack space) at its own hour
        int recoveredHour = AskStore.recoveredOfIewin7().get(0).time().atZone(java.time.ZoneOffset.UTC).getHour();
        JsonNode tt = json("machine", "IEWIN7", "timetable", "--period", "all");
        assertEquals(SeedColumnsSpec.TIMETABLE, keys(tt.get(0)));
        double sum = 0;
        for (JsonNode r : tt) {
            assertEquals(2, r.get("Weekday").asInt());
            assertTrue(Set.of(15, recoveredHour).contains(r.get("Hour").asInt()), r::toString);
            sum += r.get("AvgActions").asDouble();
        }
        assertEquals(8.0 + 1, sum);

        JsonNode hist = json("machine", "IEWIN7", "executions", "--operation", "create", "--histogram", "hour", "--period", "all");
        assertEquals("[{\"DateTime\":\"2019-05-21T15:00:00Z\",\"Count\":4}]", hist.toString());
        // get_users counts the events with a user: 7 of IEUser
        assertEquals("[{\"DateTime\":\"2019-05-21T00:00:00Z\",\"Count\":7}]",
                json("machine", "IEWIN7", "users", "--histogram", "day", "--period", "all").toString());
        Run badSplit = th("machine", "IEWIN7", "executions", "--histogram", "day:Key:2", "--period", "all");
        assertEquals(2, badSplit.exit(), badSplit::toString);
        assertTrue(badSplit.err().contains("cannot split a histogram by 'Key'; allowed: Muid, LoggedUser, ChildFilename"), badSplit::toString);
        JsonNode split = json("machine", "IEWIN7", "communications", "--histogram", "day:RemotePort:1", "--period", "all");
        assertEquals("[{\"DateTime\":\"2019-05-21T00:00:00Z\",\"RemotePort\":80,\"Count\":2}]", split.toString());
    }

    /** The first event of IEWIN7: the recovered record, older than the live ones (first at 15:32:57.286254). */
    private static String firstSeen() {
        java.time.Instant live = java.time.Instant.parse("2019-05-21T15:32:57.286254Z");
        java.time.Instant rec = AskStore.recoveredOfIewin7().get(0).time().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return (rec.isBefore(live) ? rec : live).toString();
    }

    @Test
    void identityAndProfile() {
        assertEquals("4c7c5f15b660cba1fb141399efc36584\n", th("machine", "IEWIN7", "muid").out());
        assertEquals("default\n", th("machine", "IEWIN7", "client").out());
        assertEquals(firstSeen() + "\n", th("machine", "IEWIN7", "first_seen").out());
        assertEquals("2019-05-21T15:33:01.141798Z\n", th("machine", "IEWIN7", "last-seen").out());
        assertEquals("[{\"Muid\":\"4c7c5f15b660cba1fb141399efc36584\",\"MachineName\":\"IEWIN7\"}]",
                json("machine", "IEWIN7", "name").toString());
        JsonNode os = json("machine", "IEWIN7", "os-info");
        assertEquals(List.of("Name", "Version", "Build", "Evidence"), keys(os.get(0)));
        assertEquals("6.1", os.get(0).get("Version").asText());
        assertEquals(List.of("workstation"), column(json("machine", "WORKSTATION5", "info", "--period", "all"), "Profile"));
        Run csv = th("machine", "IEWIN7", "muid", "--format", "csv");
        assertEquals("Muid\r\n4c7c5f15b660cba1fb141399efc36584\r\n", csv.out());
        Run period = th("machine", "IEWIN7", "muid", "--period", "all");
        assertEquals(2, period.exit(), period::toString);
    }

    @Test
    void withoutAStoreSaysHowToMakeOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        Run r = Run.th("machine", "IEWIN7", "executions", "--db", empty.resolve("none").toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("th ingest"), r::toString);
        assertEquals(1, r.err().strip().lines().count(), r::toString);
    }

    @Test
    void helpListsTheMethodsTheirOptionsAndExamples() {
        Run r = Run.th("machine", "--help");
        assertEquals(0, r.exit());
        for (String m : List.of("executions", "communications", "os_info", "first_seen", "--histogram", "--iptype",
                "th machine WIN-DC01 executions --kind interpreter --operation create --period 7d")) {
            assertTrue(r.out().contains(m), m);
        }
        Run main = Run.th("--help");
        for (String c : List.of("machine", "process", "client", "user", "file")) {
            assertTrue(main.out().contains("  " + c + " "), c + "\n" + main.out());
        }
    }

    @Test
    void machineByLocalAddress() {
        // the seed's Machine(local_ip=): of the store's machines only IEWIN7 has Sysmon 3 events (local 10.0.2.15)
        JsonNode processes = json("machine", "--ip", "10.0.2.15", "processes", "--period", "all");
        assertEquals(Set.of(AskStore.IEWIN7_MUID), Set.copyOf(column(processes, "Muid")));
        assertEquals(4, processes.size(), "IEWIN7's 4 Sysmon 1");
        Run outside = th("machine", "--ip", "10.0.2.15", "processes", "--period", "2020-10-23");
        assertEquals(1, outside.exit(), outside::toString);
        assertTrue(outside.err().contains("outside that period, by IEWIN7"), outside::toString);
        Run both = th("machine", "IEWIN7", "--ip", "10.0.2.15", "muid");
        assertEquals(2, both.exit(), both::toString);
        Run neither = th("machine", "muid");
        assertEquals(2, neither.exit(), neither::toString);
    }

    @Test
    void anAnswerNoDataCouldFillSaysSoOnStderr() {
        // FS03 (runas sample) has no network event: an empty table, and why on stderr
        Run r = th("machine", "FS03", "communications", "--period", "all");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("machine FS03.offsec.lan has no network events") && r.err().contains("not no activity"),
                r::toString);
        Run kind = th("machine", "IEWIN7", "executions", "--kind", "userallowed", "--period", "all");
        assertEquals(0, kind.exit(), kind::toString);
        assertTrue(kind.err().contains("the allow list is empty"), kind::toString);
    }

    @Test
    void coverageOfTheRunasSample() {
        // FS03: 9 Security records 469345..469353 (none missing), the first of them a 1102 (log cleared)
        JsonNode c = json("machine", "FS03", "coverage");
        assertEquals(1, c.size());
        assertEquals("Security", c.get(0).path("Channel").asText());
        assertEquals(9, c.get(0).path("Events").asLong());
        assertEquals(469345, c.get(0).path("FirstRecord").asLong());
        assertEquals(469353, c.get(0).path("LastRecord").asLong());
        assertEquals(0, c.get(0).path("MissingRecords").asLong());
        assertTrue(c.get(0).path("Tampering").asText().startsWith("1102 audit log cleared at 2021-11-13T14:30:53"), c::toString);
    }
}
