package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.Machine;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.flow.ClockOffset;
import dev.th.flow.FlowAssignment;
import dev.th.flow.FlowIngest;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made host events and flows whose right assignment is known by construction: an address
 * that moves from WS-A to WS-B (DHCP), WS-A's clock 5 s behind the sensor, a flow Zeek logged the
 * other way round, a flow after its process ended, a flow over midnight, a host seen only by the
 * network that later sends its own logs, names from dns.log and ssl.log, damaged lines, ECS flows
 * in gzip.
 */
class Flows_HandMadeTest {
    private static final long DAY1 = 1709287200L; // 2024-03-01T10:00:00Z
    private static final long DAY3 = 1709460000L; // 2024-03-03T10:00:00Z
    private static final String CONN_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\t"
            + "orig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\t"
            + "resp_pkts\tresp_ip_bytes\ttunnel_parents\n#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\t"
            + "count\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\n";

    @TempDir
    Path dir;

    @Test
    void flowsGoToTheRightMachinesAndProcesses() throws Exception {
        Path host = write("host.json", String.join("\n",
                sysmon1("WS-A", DAY1 - 100, 100, "chrome.exe", "g-a-100"),
                sysmon3("WS-A", DAY1 - 5, 100, "chrome.exe", "g-a-100", "tcp", "10.0.0.5", 50000, "93.184.216.34", 443),
                sysmon3("WS-A", DAY1 + 55, 100, "chrome.exe", "g-a-100", "tcp", "10.0.0.5", 50002, "93.184.216.34", 443),
                sysmon1("WS-A", DAY1 + 3600, 300, "evil.exe", "g-a-300"),
                sysmon3("WS-A", DAY1 + 3605, 300, "evil.exe", "g-a-300", "tcp", "10.0.0.5", 50003, "1.2.3.4", 80),
                sysmon5("WS-A", DAY1 + 3620, 300, "evil.exe", "g-a-300"),
                sysmon3("WS-B", DAY3 + 2, 200, "curl.exe", "g-b-200", "tcp", "10.0.0.5", 50001, "93.184.216.34", 443)));
        Path conn = write("conn.log", CONN_HEADER
                + conn(DAY1, "Cf1", "10.0.0.5", 50000, "93.184.216.34", 443, "tcp", "1.0", 300, 5000, "ShADadFf")
                + conn(DAY1 + 60, "Cf6", "93.184.216.34", 443, "10.0.0.5", 50002, "tcp", "1.0", 7000, 400, "^hADadf")
                + conn(DAY1 + 3610, "Cf8a", "10.0.0.5", 50003, "1.2.3.4", 80, "tcp", "1.0", 100, 200, "ShAD")
                + conn(DAY1 + 3710, "Cf8b", "10.0.0.5", 50003, "1.2.3.4", 80, "tcp", "1.0", 10, 20, "ShAD")
                + conn(DAY1 + 13 * 3600, "Cf7", "10.0.0.5", 51000, "1.2.3.4", 22, "tcp", "7200.0", 1000, 2000, "ShAD")
                + conn(DAY1 + 26 * 3600, "Cf4", "10.0.0.5", 50500, "8.8.8.8", 53, "udp", "-", 60, 90, "Dd")
                + conn(DAY3 + 2, "Cf3", "10.0.0.5", 50001, "93.184.216.34", 443, "tcp", "2.0", 500, 9000, "ShADadFf")
                + conn(DAY3 + 7200, "Cf5", "10.0.0.5", 50600, "8.8.8.8", 53, "udp", "-", 61, 91, "Dd")
                + conn(DAY3 + 7300, "Cf9", "10.0.0.9", 40000, "8.8.8.8", 53, "udp", "-", 62, 92, "Dd")
                + "1709287300.0\tCbad1\t10.0.0.5\t1\n"
                + conn(DAY3 + 7400, "Cbad2", "10.0.0.5", 70000, "8.8.8.8", 53, "udp", "-", 62, 92, "Dd")
                + conn(DAY3 + 7500, "Cf3", "10.0.0.5", 50001, "93.184.216.34", 443, "tcp", "2.0", 500, 9000, "ShADadFf"));
        Path dns = write("dns.log", "#separator \\x09\n#unset_field\t-\n#empty_field\t(empty)\n#path\tdns\n"
                + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tquery\tanswers\n"
                + (DAY1 - 1) + ".0\tCq\t10.0.0.5\t5353\t10.0.0.1\t53\texample.com\texample.com.cdn,93.184.216.34\n");
        Path ssl = write("ssl.log", "#separator \\x09\n#unset_field\t-\n#empty_field\t(empty)\n#path\tssl\n"
                + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tserver_name\n"
                + DAY1 + ".1\tCf1\t10.0.0.5\t50000\t93.184.216.34\t443\twww.example.com\n");
        Map<String, Map<String, Object>> links;
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            Run run = ingest(store, List.of(host, conn, dns, ssl));
            InputReport c = file(run.report(), "conn.log");
            assertEquals(12, c.read());
            assertEquals(9, c.stored());
            assertEquals(2, c.rejected());
            assertEquals(1, c.duplicates());
            assertEquals(List.of(17L, 18L), c.errors().stream().map(e -> e.offset()).toList(), c.errors().toString());
            assertTrue(c.errors().get(1).reason().contains("id.orig_p"), c.errors().get(1).reason());

            Map<String, ClockOffset> offsets = new HashMap<>();
            for (ClockOffset o : run.assignment().offsets()) {
                offsets.put(o.machineName(), o);
            }
            assertEquals(5.0, offsets.get("WS-A").seconds(), 1e-6);
            assertEquals(4, offsets.get("WS-A").pairs());
            assertEquals(0.0, offsets.get("WS-B").seconds(), 1e-6);
            links = links(store);
            assertEquals(300L, Ingest_RealDataTest.count(store, "SELECT SentBytes + ReceivedBytes FROM events "
                    + "WHERE LocalPort = 50003"));
            assertEquals(1, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE RemoteName = 'example.com'"
                    + " AND LocalPort = 50000"));
            assertEquals(1, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE FlowHost = 'www.example.com'"
                    + " AND LocalPort = 50000"));
            assertEquals(1, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE FlowHost IS NOT NULL"));
        }
        assertLink(links, "Cf1|orig", "WS-A", "chrome.exe", 100L);
        assertEquals("example.com", links.get("Cf1|orig").get("RemoteName"));
        assertEquals("www.example.com", links.get("Cf1|orig").get("FlowHost"));
        // logged 93.184.216.34:443 -> 10.0.0.5:50002; WS-A's chrome opened it: WS-A received the originator's 7000 bytes
        assertLink(links, "Cf6|resp", "WS-A", "chrome.exe", 100L);
        assertEquals(400L, links.get("Cf6|resp").get("SentBytes"));
        assertEquals(7000L, links.get("Cf6|resp").get("ReceivedBytes"));
        assertEquals("Outgoing", links.get("Cf6|resp").get("Direction"));
        assertLink(links, "Cf8a|orig", "WS-A", "evil.exe", 300L);
        // evil.exe ended 100 s before this flow (host time): the machine's, not the process's
        assertLink(links, "Cf8b|orig", "WS-A", null, null);
        assertLink(links, "Cf4|orig", "WS-A", null, null);
        assertLink(links, "Cf3|orig", "WS-B", "curl.exe", 200L);
        assertLink(links, "Cf5|orig", "WS-B", null, null);
        assertEquals(true, links.get("Cf9|orig").get("NetworkOnly"));
        assertEquals("10.0.0.9", links.get("Cf9|orig").get("MachineName"));
        assertEquals(md5("default/10.0.0.9"), links.get("Cf9|orig").get("Muid"));
        assertFalse(links.containsKey("Cf1|resp"), "a public address is no machine of the fleet");

        try (TH th = TH.open(dir.resolve("db"))) {
            Machine a = th.machine("WS-A");
            // the ssl.log server name of Cf1 is in the answer of communications with bytes, on its connection only
            DataFrame net = a.communications().period(TimePeriod.all()).bytes().frame();
            int hosts = 0;
            for (int i = 0; i < net.height(); i++) {
                if (net.get("FlowHost", i) != null) {
                    hosts++;
                    assertEquals("www.example.com", net.get("FlowHost", i));
                    assertEquals(50000, ((Number) net.get("LocalPort", i)).intValue());
                }
            }
            assertEquals(1, hosts, net.toString());
            DataFrame bw = a.bandwidth(TimePeriod.all());
            // day 1: Cf1 300/5000, Cf6 400/7000, Cf8a 100/200, Cf8b 10/20, half of Cf7 (23:00-01:00) 500/1000;
            // day 2: the other half of Cf7 500/1000, Cf4 60/90
            assertEquals(List.of(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-02")),
                    List.of(bw.get("Date", 0), bw.get("Date", 1)));
            assertEquals(1310 / 1e6, (Double) bw.get("Outgoing", 0), 1e-12);
            assertEquals(13220 / 1e6, (Double) bw.get("Incoming", 0), 1e-12);
            assertEquals(560 / 1e6, (Double) bw.get("Outgoing", 1), 1e-12);
            assertEquals(1090 / 1e6, (Double) bw.get("Incoming", 1), 1e-12);
            // assigned to processes: Cf1, Cf6, Cf8a = 13000 of 16180 bytes
            assertEquals(13000.0 / 16180.0, a.bandwidthAnswer(TimePeriod.all()).assignedShare(), 1e-12);
            DataFrame chrome = th.process("g-a-100").bandwidth(TimePeriod.all());
            assertEquals(1, chrome.height());
            assertEquals(700 / 1e6, (Double) chrome.get("Outgoing", 0), 1e-12);
            assertEquals(12000 / 1e6, (Double) chrome.get("Incoming", 0), 1e-12);
            Machine seen = th.machine("10.0.0.9");
            assertTrue(seen.networkOnly());
            assertEquals(md5("default/10.0.0.9"), seen.muid());
            assertEquals(92 / 1e6, (Double) seen.bandwidth(TimePeriod.all()).get("Incoming", 0), 1e-12);
            assertFalse(a.networkOnly());
            assertEquals(0, a.bandwidth(TimePeriod.parse("2024-03-05")).height());
            assertTrue(a.bandwidthAnswer(TimePeriod.parse("2024-03-05")).note().contains("2024-03-01"),
                    a.bandwidthAnswer(TimePeriod.parse("2024-03-05")).note());
        }

        // the host seen by the network only sends its own logs: its flows become its machine's
        Path later = write("later.json", sysmon3("WS-C", DAY3 + 7300, 400, "nslookup.exe", "g-c-400", "udp", "10.0.0.9", 40000,
                "8.8.8.8", 53));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            assertTrue(machineNames(store).contains("10.0.0.9"));
            Run run = ingest(store, List.of(later));
            assertEquals(0, run.assignment().networkOnlyMachines());
            links = links(store);
            assertEquals(List.of("WS-A", "WS-B", "WS-C"), machineNames(store));
        }
        assertLink(links, "Cf9|orig", "WS-C", "nslookup.exe", 400L);
        assertEquals(false, links.get("Cf9|orig").get("NetworkOnly"));
    }

    /**
     * WS-D logs no network events, only a process; the domain controller DC logs WS-D's network
     * logon from 10.0.0.7: WS-D's flows from that address are WS-D's, not a network-only machine's.
     * A logon from WS-E (no logs of its own) and a local logon (::1) teach nothing.
     */
    @Test
    void logonsTellWhichMachineUsedAnAddress() throws Exception {
        Path host = write("host.json", String.join("\n",
                sysmon1("WS-D.lab.local", DAY1 - 100, 100, "svchost.exe", "g-d-100"),
                logon("DC", DAY1 - 50, "WS-D", "::ffff:10.0.0.7"),
                logon("DC", DAY1 - 40, "WS-E", "10.0.0.8"),
                logon("DC", DAY1 - 30, "DC", "::1")));
        Path conn = write("conn.log", CONN_HEADER
                + conn(DAY1, "Cd1", "10.0.0.7", 50000, "8.8.8.8", 53, "udp", "-", 60, 90, "Dd")
                + conn(DAY1 + 10, "Ce1", "10.0.0.8", 50001, "8.8.8.8", 53, "udp", "-", 61, 91, "Dd"));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            Run run = ingest(store, List.of(host, conn));
            assertEquals(1, run.assignment().networkOnlyMachines());
            Map<String, Map<String, Object>> links = links(store);
            assertLink(links, "Cd1|orig", "WS-D.lab.local", null, null);
            assertEquals(false, links.get("Cd1|orig").get("NetworkOnly"));
            assertEquals(true, links.get("Ce1|orig").get("NetworkOnly"));
            assertEquals("10.0.0.8", links.get("Ce1|orig").get("MachineName"));
        }
    }

    /**
     * A second assignment with nothing new joins nothing; a conn.log added later joins its own new
     * flows only (not the one it repeats), with the stored clock offset; the result is the one of a
     * store given everything at once.
     */
    @Test
    void theJoinTakesOnlyWhatIsNew() throws Exception {
        Path host = write("host.json", String.join("\n",
                sysmon1("WS-A", DAY1 - 100, 100, "chrome.exe", "g-a-100"),
                sysmon3("WS-A", DAY1 - 5, 100, "chrome.exe", "g-a-100", "tcp", "10.0.0.5", 50000, "93.184.216.34", 443),
                sysmon3("WS-A", DAY1 + 55, 100, "chrome.exe", "g-a-100", "tcp", "10.0.0.5", 50002, "93.184.216.34", 443),
                sysmon3("WS-A", DAY3 - 5, 100, "chrome.exe", "g-a-100", "tcp", "10.0.0.5", 50010, "93.184.216.34", 443)));
        Path first = write("conn1.log", CONN_HEADER
                + conn(DAY1, "Cf1", "10.0.0.5", 50000, "93.184.216.34", 443, "tcp", "1.0", 300, 5000, "ShADadFf")
                + conn(DAY1 + 60, "Cf6", "93.184.216.34", 443, "10.0.0.5", 50002, "tcp", "1.0", 7000, 400, "^hADadf"));
        Path second = write("conn2.log", CONN_HEADER
                + conn(DAY1 + 60, "Cf6", "93.184.216.34", 443, "10.0.0.5", 50002, "tcp", "1.0", 7000, 400, "^hADadf")
                + conn(DAY3, "Cf10", "10.0.0.5", 50010, "93.184.216.34", 443, "tcp", "1.0", 111, 2222, "ShADadFf")
                + conn(DAY3 + 30, "Cf11", "10.0.0.5", 50011, "8.8.8.8", 53, "udp", "-", 60, 90, "Dd"));
        Map<String, Map<String, Object>> step;
        Map<String, Object> days;
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            assertEquals(2, ingest(store, List.of(host, first)).assignment().joined());
            assertEquals(0, FlowTable.of(store, "default").assign().joined(), "nothing new: nothing joined");
            Run added = ingest(store, List.of(second));
            assertEquals(2, added.assignment().joined(), "Cf10 and Cf11; Cf6 was joined before");
            assertEquals(4, added.assignment().flows());
            step = links(store);
            days = days(store);
            assertEquals(5.0, added.assignment().offsets().get(0).seconds(), 1e-6);
        }
        assertLink(step, "Cf10|orig", "WS-A", "chrome.exe", 100L);
        assertLink(step, "Cf11|orig", "WS-A", null, null);
        Map<String, Map<String, Object>> whole;
        Map<String, Object> wholeDays;
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db-at-once"))) {
            assertEquals(4, ingest(store, List.of(host, first, second)).assignment().joined());
            whole = links(store);
            wholeDays = days(store);
        }
        assertEquals(whole.keySet(), step.keySet());
        for (String k : whole.keySet()) {
            for (String col : List.of("MachineName", "ProcessPid", "SentBytes", "ReceivedBytes", "OffsetSeconds", "EventRecord")) {
                assertEquals(whole.get(k).get(col), step.get(k).get(col), k + " " + col);
            }
        }
        assertEquals(wholeDays, days);
    }

    private static Map<String, Object> days(DuckDbStore store) throws Exception {
        Map<String, Object> out = new java.util.TreeMap<>();
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT Muid || '|' || coalesce(ProcessGuid, '-') || '|' "
                + "|| Date, Outgoing, Incoming FROM flow_days"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getDouble(2) + "/" + rs.getDouble(3));
            }
        }
        return out;
    }

    private static String logon(String host, long t, String workstation, String ip) {
        return "{\"SourceName\":\"Microsoft-Windows-Security-Auditing\",\"Channel\":\"Security\",\"Hostname\":\"" + host
                + "\",\"TimeCreated\":\"" + time(t) + "\",\"EventID\":4624,\"TargetUserName\":\"ann\","
                + "\"TargetDomainName\":\"LAB\",\"TargetLogonId\":\"0x1234\",\"LogonType\":\"3\",\"IpAddress\":\"" + ip
                + "\",\"IpPort\":\"50123\",\"WorkstationName\":\"" + workstation + "\"}";
    }

    @Test
    void ecsFlowsAndZeekJsonInGzip() throws Exception {
        Path ecs = dir.resolve("flows.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(ecs))) {
            out.write(String.join("\n",
                    "{\"@timestamp\":\"2024-03-01T10:00:00Z\",\"event\":{\"duration\":1000000000},\"source\":{\"ip\":\"10.0.0.5\","
                            + "\"port\":50000,\"bytes\":300},\"destination\":{\"ip\":\"93.184.216.34\",\"port\":443,\"bytes\":5000},"
                            + "\"network\":{\"transport\":\"tcp\"}}",
                    "{\"@timestamp\":\"2024-03-01T10:00:01Z\",\"source\":{\"ip\":\"10.0.0.5\"},\"network\":{\"transport\":\"tcp\"}}",
                    "{\"@timestamp\":\"2024-03-01T10:00:02Z\",\"source.ip\":\"10.0.0.6\",\"destination.ip\":\"10.0.0.5\","
                            + "\"network.transport\":\"udp\"}").getBytes(StandardCharsets.UTF_8));
        }
        Path zeekJson = write("conn.json", "{\"ts\":1709287300.5,\"uid\":\"CJ1\",\"id.orig_h\":\"10.0.0.5\",\"id.orig_p\":1,"
                + "\"id.resp_h\":\"10.0.0.6\",\"id.resp_p\":2,\"proto\":\"udp\",\"conn_state\":\"S0\",\"orig_ip_bytes\":42}\n");
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            Run run = ingest(store, List.of(ecs, zeekJson));
            InputReport e = file(run.report(), "flows.ndjson.gz");
            assertEquals(3, e.read());
            assertEquals(2, e.stored());
            assertEquals(1, e.rejected());
            assertEquals(Map.of("ecs|flow", 2L), e.byEventId());
            assertEquals(1, file(run.report(), "conn.json").stored());
            assertEquals(3, Ingest_RealDataTest.count(store, "SELECT count(*) FROM flows"));
            assertEquals(5042, Ingest_RealDataTest.count(store, "SELECT sum(RespIpBytes) + sum(OrigIpBytes) - 300 FROM flows"));
            // no host logs: every private end is a machine seen by the network only
            assertEquals(2, run.assignment().networkOnlyMachines());
            Run again = ingest(store, List.of(ecs, zeekJson));
            assertEquals(4, again.report().duplicates());
            assertEquals(3, Ingest_RealDataTest.count(store, "SELECT count(*) FROM flows"));
        }
    }

    /** An ingest's report, and its assignment of flows (null when it stored nothing). */
    record Run(IngestReport report, FlowAssignment assignment) {
    }

    private static Run ingest(DuckDbStore store, List<Path> paths) {
        try (Ingest ingest = Ingest.into(store, "default").flows(new FlowIngest(FlowTable.of(store, "default")))) {
            IngestReport r = ingest.run(paths, new Sources(), Readers.defaults());
            return new Run(r, ingest.flowAssignment().orElse(null));
        }
    }

    private static void assertLink(Map<String, Map<String, Object>> links, String key, String machine, String image, Long pid) {
        Map<String, Object> l = links.get(key);
        assertTrue(l != null, key + " not assigned; links: " + links.keySet());
        assertEquals(machine, l.get("MachineName"), key);
        assertEquals(image, l.get("ProcessFilename"), key);
        assertEquals(pid, l.get("ProcessPid") == null ? null : ((Number) l.get("ProcessPid")).longValue(), key);
        if (image == null) {
            assertNull(l.get("ProcessGuid"), key);
        }
    }

    private static Map<String, Map<String, Object>> links(DuckDbStore store) throws Exception {
        Map<String, Map<String, Object>> out = new HashMap<>();
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT * FROM flow_links");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                }
                out.put(rs.getString("FlowId") + "|" + rs.getString("Side"), row);
            }
        }
        return out;
    }

    private static List<String> machineNames(DuckDbStore store) {
        DataFrame m = Machines.list(store);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < m.height(); i++) {
            names.add((String) m.get("MachineName", i));
        }
        return names;
    }

    private static InputReport file(IngestReport r, String name) {
        return r.files().stream().filter(f -> f.path().endsWith(name)).findFirst().orElseThrow();
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text.endsWith("\n") ? text : text + "\n");
        return p;
    }

    private static String conn(long ts, String uid, String o, int op, String r, int rp, String proto, String duration,
            long origIpBytes, long respIpBytes, String history) {
        return ts + ".0\t" + uid + "\t" + o + "\t" + op + "\t" + r + "\t" + rp + "\t" + proto + "\t-\t" + duration + "\t-\t-\tSF\t-\t-\t0\t"
                + history + "\t1\t" + origIpBytes + "\t1\t" + respIpBytes + "\t-\n";
    }

    private static String time(long epoch) {
        return java.time.Instant.ofEpochSecond(epoch).toString();
    }

    private static String header(String host, long t, int id) {
        return "{\"SourceName\":\"Microsoft-Windows-Sysmon\",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"Hostname\":\"" + host + "\",\"TimeCreated\":\"" + time(t) + "\",\"EventID\":" + id;
    }

    private static String sysmon3(String host, long t, int pid, String image, String guid, String proto, String srcIp, int srcPort,
            String dstIp, int dstPort) {
        return header(host, t, 3) + ",\"ProcessGuid\":\"{" + guid + "}\",\"ProcessId\":\"" + pid + "\",\"Image\":\"C:\\\\bin\\\\"
                + image + "\",\"User\":\"LAB\\\\ann\",\"Protocol\":\"" + proto + "\",\"Initiated\":\"true\",\"SourceIp\":\"" + srcIp
                + "\",\"SourcePort\":\"" + srcPort + "\",\"DestinationIp\":\"" + dstIp + "\",\"DestinationPort\":\"" + dstPort + "\"}";
    }

    private static String sysmon1(String host, long t, int pid, String image, String guid) {
        return header(host, t, 1) + ",\"ProcessGuid\":\"{" + guid + "}\",\"ProcessId\":\"" + pid + "\",\"Image\":\"C:\\\\bin\\\\"
                + image + "\",\"CommandLine\":\"" + image + "\",\"User\":\"LAB\\\\ann\",\"ParentProcessGuid\":\"{g-parent}\","
                + "\"ParentProcessId\":\"1\",\"ParentImage\":\"C:\\\\bin\\\\explorer.exe\"}";
    }

    private static String sysmon5(String host, long t, int pid, String image, String guid) {
        return header(host, t, 5) + ",\"ProcessGuid\":\"{" + guid + "}\",\"ProcessId\":\"" + pid + "\",\"Image\":\"C:\\\\bin\\\\"
                + image + "\"}";
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }

}
