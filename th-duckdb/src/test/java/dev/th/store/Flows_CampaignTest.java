package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.th.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LSASS_campaign_01's host logs and Zeek logs through the whole pipeline, checked against what the
 * test reads from the files itself: conn.log split by its own header, the network events of the
 * host JSON (Sysmon 3 and the Windows Filtering Platform's 5156/5157) matched to it by 5-tuple
 * without TH's code, at the host's time corrected by the export's clock error (the most common
 * quarter-hour difference between Sysmon's UtcTime and the export's TimeCreated).
 */
class Flows_CampaignTest {
    private static final String HOST = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";
    private static final String ZEEK = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump_zeek_logs.zip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path dir;
    private static IngestReport first;
    private static IngestReport second;
    private static FlowAssignment assignment;
    private static List<Map<String, String>> conn;
    private static List<NetEvent> network;
    /** Sysmon's processes by GUID: pid, start and exit at the corrected host time (NaN when not logged). */
    private static final Map<String, Life> LIVES = new HashMap<>();
    private static Map<String, List<Object[]>> links = new HashMap<>();
    private static long flowRows;
    private static long flowRowsAfterSecondRun;
    private static long eventWith51130Bytes;

    record Pair(String uid, NetEvent event, double diff) {
    }

    /** A host network event as the test reads it: Sysmon 3 or WFP 5156/5157, at the corrected host time. */
    record Life(String pid, double born, double died) {
        boolean contains(double t, double slack) {
            return (Double.isNaN(born) || t >= born - slack) && (Double.isNaN(died) || t <= died + slack);
        }
    }

    record NetEvent(String proto, String localIp, String localPort, String remoteIp, String remotePort, String pid,
            String guid, double time, boolean incoming) {
        /** Whether its local end is the machine's address: WFP writes the sender as Source of what a group address received. */
        boolean showsOwnAddress() {
            return !localIp.startsWith("127.") && !(incoming && (remoteIp.startsWith("ff") || remoteIp.startsWith("255.")
                    || remoteIp.matches("2(2[4-9]|3[0-9])\\..*")));
        }
    }

    @BeforeAll
    static void ingestTwice() throws Exception {
        Path host = SharedData.require(HOST);
        Path zeek = SharedData.require(ZEEK);
        dir = Files.createTempDirectory("th-flows-campaign");
        conn = connLog(zeek);
        network = network(host);
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            first = ingest(store, List.of(host, zeek));
            assignment = lastAssignment;
            flowRows = Ingest_RealDataTest.count(store, "SELECT count(*) FROM flows");
            try (PreparedStatement ps = store.connection().prepareStatement("SELECT FlowId, ProcessFilename, ProcessPid, "
                    + "NetworkOnly, MachineName, Side FROM flow_links ORDER BY FlowId, Side");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[] {rs.getString(2),
                        rs.getObject(3), rs.getBoolean(4), rs.getString(5), rs.getString(6)});
                }
            }
            eventWith51130Bytes = Ingest_RealDataTest.count(store, "SELECT coalesce(max(ReceivedBytes), -1) FROM events "
                    + "WHERE Family = 'network' AND LocalPort = 51130");
            second = ingest(store, List.of(host, zeek));
            flowRowsAfterSecondRun = Ingest_RealDataTest.count(store, "SELECT count(*) FROM flows");
        }
    }

    private static FlowAssignment lastAssignment;

    private static IngestReport ingest(DuckDbStore store, List<Path> paths) {
        try (Ingest ingest = Ingest.into(store, "default").flows(new FlowIngest(FlowTable.of(store, "default")))) {
            IngestReport r = ingest.run(paths, new Sources(), Readers.defaults());
            lastAssignment = ingest.flowAssignment().orElse(null);
            return r;
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (dir != null) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theFlowsReadAreTheDataLinesOfConnLog() {
        InputReport c = report(first, "conn.log");
        assertEquals(conn.size(), c.read());
        assertEquals(conn.size(), c.stored());
        assertEquals(Map.of("zeek|conn", (long) conn.size()), c.byEventId());
        assertEquals(conn.size(), flowRows);
        assertEquals(conn.size(), assignment.flows());
    }

    @Test
    void aSecondIngestStoresNothingTwice() {
        InputReport c = report(second, "conn.log");
        assertEquals(conn.size(), c.read());
        assertEquals(0, c.stored());
        assertEquals(conn.size(), c.duplicates());
        assertEquals(flowRows, flowRowsAfterSecondRun);
    }

    @Test
    void theLogsTHDoesNotReadAreSaidSo() {
        InputReport k = report(first, "kerberos.log");
        assertEquals(0, k.read());
        assertTrue(k.errors().get(0).reason().contains("TH reads Zeek's conn, dns, http and ssl logs"), k.errors().toString());
    }

    @Test
    void theFlowsAssignedToProcessesAreTheFiveTupleMatches() {
        Set<String> matched = assigned().keySet();
        long assigned = links.values().stream().flatMap(List::stream).filter(r -> r[1] != null).count();
        assertEquals(matched.size(), assigned);
        assertEquals(matched.size(), assignment.processEnds());
        for (String uid : matched) {
            assertTrue(links.get(uid).stream().anyMatch(r -> r[1] != null), uid + " is not assigned to a process");
        }
    }

    @Test
    void theClockOffsetIsStableAcrossTheMatchedPairs() {
        assertEquals(1, assignment.offsets().size());
        ClockOffset o = assignment.offsets().get(0);
        List<Pair> pairs = pairs();
        List<Double> diffs = new ArrayList<>(pairs.stream().map(Pair::diff).sorted().toList());
        assertEquals(pairs.size(), o.pairs());
        assertEquals(median(diffs), o.seconds(), 0.01);
        long near = diffs.stream().filter(d -> Math.abs(d - o.seconds()) <= 60).count();
        assertTrue(near >= 0.9 * diffs.size(), near + " of " + diffs.size() + " pairs within a minute of the offset");
        List<Pair> byTime = new ArrayList<>(pairs);
        byTime.sort((a, b) -> Double.compare(a.event().time(), b.event().time()));
        double early = median(byTime.subList(0, byTime.size() / 2).stream().map(Pair::diff).sorted().toList());
        double late = median(byTime.subList(byTime.size() / 2, byTime.size()).stream().map(Pair::diff).sorted().toList());
        assertTrue(Math.abs(early - late) < 30, "offset of the first half " + early + " s, of the second " + late + " s");
    }

    @Test
    void flowsCheckedByHandDownToTheProcess() {
        // conn.log CX6po61SVaO8po0uh8 192.168.1.41:55213 -> 10.0.5.13:80; Sysmon 3 of msedge.exe pid 7476
        assertProcess("CX6po61SVaO8po0uh8", "msedge.exe", 7476L);
        // CwPdEL3GjlTuYf5iAd 192.168.1.41:51130 -> 10.0.5.13:8080; the payload, pid 1988
        assertProcess("CwPdEL3GjlTuYf5iAd", "winx64_payload.exe", 1988L);
        // C04VKl4UhM1pRqoDF4 is logged 192.168.1.4:389 -> 192.168.1.41:51142 (the other way round):
        // wmiprvse.exe pid 7848 opened 51142 -> 389 (Sysmon 3 and WFP 5156), but the flow is a lone
        // reset at 04:57:16.4 by Zeek's clock, 04:57:09 on the host's (offset about +7 s), 10 s after
        // pid 7848 exited (Sysmon 5 at 04:56:58.9): outside its lifetime, so no process, still MKT01's
        List<Object[]> reset = links.get("C04VKl4UhM1pRqoDF4");
        assertTrue(reset.stream().allMatch(r -> r[0] == null && r[1] == null), "C04VKl4UhM1pRqoDF4 went to a process");
        assertTrue(reset.stream().anyMatch(r -> ((String) r[3]).toUpperCase(java.util.Locale.ROOT).startsWith("MKT01")),
                "C04VKl4UhM1pRqoDF4 is not on MKT01");
        assertEquals(210344L, eventWith51130Bytes);
    }

    @Test
    void theDomainControllerIsAMachineSeenByTheNetworkOnly() {
        Object[] dc = links.get("CwPdEL3GjlTuYf5iAd").stream().filter(r -> "10.0.5.13".equals(r[3])).findFirst().orElseThrow();
        assertEquals(true, dc[2]);
        Set<String> networkOnly = new HashSet<>();
        links.values().stream().flatMap(List::stream).filter(r -> (Boolean) r[2]).forEach(r -> networkOnly.add((String) r[3]));
        assertTrue(networkOnly.contains("192.168.1.4"), networkOnly.toString());
        assertEquals(networkOnly.size(), assignment.networkOnlyMachines());
    }

    @Test
    void bytesPerDayEqualTheSumsOfConnLogForTheMachinesAddress() {
        Set<String> addresses = new HashSet<>();
        for (NetEvent e : network) {
            if (e.showsOwnAddress()) {
                addresses.add(e.localIp());
            }
        }
        Map<LocalDate, double[]> expected = new TreeMap<>();
        for (Map<String, String> f : conn) {
            boolean orig = addresses.contains(ip(f.get("id.orig_h")));
            boolean resp = addresses.contains(ip(f.get("id.resp_h")));
            if (orig) {
                spread(expected, f, bytes(f.get("orig_ip_bytes")), bytes(f.get("resp_ip_bytes")));
            }
            if (resp) {
                spread(expected, f, bytes(f.get("resp_ip_bytes")), bytes(f.get("orig_ip_bytes")));
            }
        }
        try (TH th = TH.open(dir)) {
            Machine m = th.machine("MKT01");
            DataFrame df = m.bandwidth(TimePeriod.all());
            assertEquals(List.of("Date", "Outgoing", "Incoming"), List.of(df.getColumnsIndex().toArray()));
            assertEquals(expected.size(), df.height());
            int i = 0;
            for (Map.Entry<LocalDate, double[]> e : expected.entrySet()) {
                assertEquals(e.getKey(), df.get("Date", i));
                assertEquals(e.getValue()[0] / 1e6, (Double) df.get("Outgoing", i), 1e-9);
                assertEquals(e.getValue()[1] / 1e6, (Double) df.get("Incoming", i), 1e-9);
                i++;
            }
            assertTrue(m.bandwidthAnswer(TimePeriod.all()).note().contains("assigned to its processes"));
        }
    }

    @Test
    void aProcesssBandwidthIsTheBytesOfItsMatchedFlows() {
        double incoming = 0;
        double outgoing = 0;
        for (Pair p : assigned().values()) {
            if (p.event().pid().equals("1988")) {
                Map<String, String> f = conn.stream().filter(x -> x.get("uid").equals(p.uid())).findFirst().orElseThrow();
                boolean hostIsOrig = ip(f.get("id.orig_h")).equals(p.event().localIp());
                outgoing += bytes(f.get(hostIsOrig ? "orig_ip_bytes" : "resp_ip_bytes"));
                incoming += bytes(f.get(hostIsOrig ? "resp_ip_bytes" : "orig_ip_bytes"));
            }
        }
        assertTrue(incoming > 0);
        try (TH th = TH.open(dir)) {
            String guid = network.stream().filter(e -> e.pid().equals("1988") && e.guid() != null).findFirst().orElseThrow()
                    .guid().replace("{", "").replace("}", "").toLowerCase(java.util.Locale.ROOT);
            DataFrame df = th.process(guid).bandwidth(TimePeriod.all());
            double in = 0;
            double out = 0;
            for (int i = 0; i < df.height(); i++) {
                in += (Double) df.get("Incoming", i);
                out += (Double) df.get("Outgoing", i);
            }
            assertEquals(incoming / 1e6, in, 1e-9);
            assertEquals(outgoing / 1e6, out, 1e-9);
        }
    }

    @Test
    void communicationsRankByTheBytesOfTheirFlows() {
        // C0tKq92bxZdLorFnUb: 192.168.1.41:51146 -> 10.0.5.13:8080, the largest flow of conn.log; svchost.exe pid 1400
        Map<String, String> biggest = conn.stream().max((a, b) -> Double.compare(bytes(a.get("resp_ip_bytes")),
                bytes(b.get("resp_ip_bytes")))).orElseThrow();
        assertEquals("C0tKq92bxZdLorFnUb", biggest.get("uid"));
        try (TH th = TH.open(dir)) {
            DataFrame byBytes = th.machine("MKT01").communications().period(TimePeriod.all()).top(3).rankByBytes().frame();
            assertEquals("svchost.exe", byBytes.get("ParentFilename", 0));
            assertEquals(1400L, ((Number) byBytes.get("ParentPid", 0)).longValue());
            assertEquals((long) bytes(biggest.get("resp_ip_bytes")), ((Number) byBytes.get("ReceivedBytes", 0)).longValue());
            long first = ((Number) byBytes.get("SentBytes", 0)).longValue() + ((Number) byBytes.get("ReceivedBytes", 0)).longValue();
            long second = ((Number) byBytes.get("SentBytes", 1)).longValue() + ((Number) byBytes.get("ReceivedBytes", 1)).longValue();
            assertTrue(first >= second);
            DataFrame byTimes = th.machine("MKT01").communications().period(TimePeriod.all()).top(1).frame();
            assertTrue(((Number) byTimes.get("Times", 0)).longValue() > ((Number) byBytes.get("Times", 0)).longValue());
        }
    }

    private static void assertProcess(String uid, String image, long pid) {
        Object[] r = links.get(uid).stream().filter(x -> x[0] != null).findFirst().orElseThrow(() -> new AssertionError(uid));
        assertEquals(image, r[0]);
        assertEquals(pid, ((Number) r[1]).longValue());
    }

    /** Every (flow, host network event) with the same protocol and 5-tuple, either way round. */
    private static List<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        for (Map<String, String> f : conn) {
            String o = ip(f.get("id.orig_h")) + "|" + f.get("id.orig_p");
            String s = ip(f.get("id.resp_h")) + "|" + f.get("id.resp_p");
            for (NetEvent e : network) {
                if (!e.proto().equalsIgnoreCase(f.get("proto"))) {
                    continue;
                }
                String l = e.localIp() + "|" + e.localPort();
                String r = e.remoteIp() + "|" + e.remotePort();
                if (l.equals(o) && r.equals(s) || l.equals(s) && r.equals(o)) {
                    out.add(new Pair(f.get("uid"), e, Double.parseDouble(f.get("ts")) - e.time()));
                }
            }
        }
        return out;
    }

    /**
     * The rule of the issue, applied to the pairs: the offset is their median difference, its
     * spread their median distance from it; a flow goes to its pair nearest the offset, among the
     * pairs within max(120 s, 5 spreads) of it whose process (the Sysmon 3 event's GUID, for WFP
     * the process of that pid living at the event) was alive at the flow's start on the host's
     * clock, give or take the spread and a second.
     */
    private static Map<String, Pair> assigned() {
        List<Pair> pairs = pairs();
        double offset = median(pairs.stream().map(Pair::diff).sorted().toList());
        double spread = median(pairs.stream().map(p -> Math.abs(p.diff() - offset)).sorted().toList());
        Map<String, Double> starts = new HashMap<>();
        conn.forEach(f -> starts.put(f.get("uid"), Double.parseDouble(f.get("ts"))));
        Map<String, Pair> nearest = new HashMap<>();
        for (Pair p : pairs) {
            Life life = life(p.event());
            if (Math.abs(p.diff() - offset) > Math.max(120, 5 * spread)
                    || life != null && !life.contains(starts.get(p.uid()) - offset, spread + 1)) {
                continue;
            }
            nearest.merge(p.uid(), p, (a, b) -> Math.abs(b.diff() - offset) < Math.abs(a.diff() - offset) ? b : a);
        }
        return nearest;
    }

    private static Life life(NetEvent e) {
        if (e.guid() != null) {
            return LIVES.get(e.guid());
        }
        Life found = null;
        for (Life l : LIVES.values()) {
            if (l.pid().equals(e.pid()) && l.contains(e.time(), 1)
                    && (found == null || Double.isNaN(found.born()) || l.born() > found.born())) {
                found = l;
            }
        }
        return found;
    }

    /** An address in one spelling (IPv6 written out in full, as the JDK writes it), whatever way it was logged. */
    private static String ip(String v) {
        if (v == null || !v.matches("[0-9A-Fa-f:.]+") || !v.contains(".") && !v.contains(":")) {
            return v;
        }
        try {
            return java.net.InetAddress.getByName(v).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return v;
        }
    }

    /** An event's TimeCreated in epoch seconds. */
    private static double timeCreated(JsonNode e) {
        Instant t = Instant.parse(e.path("TimeCreated").asText());
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double bytes(String v) {
        return v == null || v.equals("-") ? 0 : Double.parseDouble(v);
    }

    /** Adds a flow's bytes to the days it lasted, in proportion to the time it spent in each. */
    private static void spread(Map<LocalDate, double[]> days, Map<String, String> f, double sent, double received) {
        long start = new java.math.BigDecimal(f.get("ts")).movePointRight(6).longValue();
        long duration = f.get("duration").equals("-") ? 0 : new java.math.BigDecimal(f.get("duration")).movePointRight(6).longValue();
        long end = start + duration;
        long dayUs = 86_400_000_000L;
        for (long day = Math.floorDiv(start, dayUs) * dayUs; day <= end; day += dayUs) {
            double share = duration == 0 ? 1 : (double) (Math.min(end, day + dayUs) - Math.max(start, day)) / duration;
            double[] v = days.computeIfAbsent(LocalDate.ofEpochDay(day / dayUs), k -> new double[2]);
            v[0] += sent * share;
            v[1] += received * share;
            if (duration == 0) {
                break;
            }
        }
    }

    private static InputReport report(IngestReport r, String name) {
        return r.files().stream().filter(f -> f.path().endsWith(name)).findFirst().orElseThrow();
    }

    /** conn.log's data lines as maps keyed by the names of its #fields line. */
    private static List<Map<String, String>> connLog(Path zip) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.stream().filter(x -> x.getName().endsWith("conn.log")).findFirst().orElseThrow();
            String[] names = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("#fields\t")) {
                        names = line.substring(8).split("\t");
                    } else if (!line.startsWith("#") && !line.isEmpty()) {
                        String[] v = line.split("\t", -1);
                        Map<String, String> m = new HashMap<>();
                        for (int i = 0; i < names.length; i++) {
                            m.put(names[i], v[i]);
                        }
                        rows.add(m);
                    }
                }
            }
        }
        return rows;
    }

    /**
     * The host's network events: Sysmon 3 (local end by Initiated) and WFP 5156/5157 (the Source
     * fields are the local end, the protocol a number), at TimeCreated plus the export's clock error.
     */
    private static List<NetEvent> network(Path zip) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        List<JsonNode> lives = new ArrayList<>();
        Map<Long, Integer> errors = new HashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.stream().filter(x -> x.getName().endsWith(".json")).findFirst().orElseThrow();
            try (InputStream in = z.getInputStream(e);
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    boolean net = line.matches(".*\"EventID\": ?(3|5156|5157),.*");
                    if (!net && !line.contains("\"UtcTime\"")) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(line);
                    if (n.path("SourceName").asText().contains("Sysmon") && n.hasNonNull("UtcTime")) {
                        double utc = Instant.parse(n.path("UtcTime").asText().replace(' ', 'T') + "Z").toEpochMilli() / 1e3;
                        double d = utc - timeCreated(n);
                        long quarter = Math.round(d / 900);
                        if (Math.abs(d - quarter * 900) <= 120) {
                            errors.merge(quarter * 900, 1, Integer::sum);
                        }
                    }
                    if (net) {
                        events.add(n);
                    }
                    int id = n.path("EventID").asInt();
                    if ((id == 1 || id == 5) && n.path("SourceName").asText().contains("Sysmon")) {
                        lives.add(n);
                    }
                }
            }
        }
        long shift = errors.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        for (JsonNode n : lives) {
            double t = timeCreated(n) + shift;
            boolean create = n.path("EventID").asInt() == 1;
            LIVES.merge(n.path("ProcessGuid").asText(), new Life(n.path("ProcessId").asText(), create ? t : Double.NaN,
                    create ? Double.NaN : t), (a, b) -> new Life(a.pid(), Double.isNaN(a.born()) ? b.born() : a.born(),
                    Double.isNaN(a.died()) ? b.died() : a.died()));
        }
        List<NetEvent> out = new ArrayList<>();
        for (JsonNode n : events) {
            double t = timeCreated(n) + shift;
            int id = n.path("EventID").asInt();
            if (id == 3 && n.path("SourceName").asText().contains("Sysmon")) {
                boolean initiated = n.path("Initiated").asText().equals("true");
                String src = ip(n.path("SourceIp").asText());
                String dst = ip(n.path("DestinationIp").asText());
                String sp = n.path("SourcePort").asText();
                String dp = n.path("DestinationPort").asText();
                out.add(new NetEvent(n.path("Protocol").asText(), initiated ? src : dst, initiated ? sp : dp, initiated ? dst : src,
                        initiated ? dp : sp, n.path("ProcessId").asText(), n.path("ProcessGuid").asText(), t, !initiated));
            } else if ((id == 5156 || id == 5157) && n.path("Channel").asText().equals("Security")) {
                String proto = switch (n.path("Protocol").asText()) {
                    case "6" -> "tcp";
                    case "17" -> "udp";
                    case "1" -> "icmp";
                    default -> n.path("Protocol").asText();
                };
                out.add(new NetEvent(proto, ip(n.path("SourceAddress").asText()), n.path("SourcePort").asText(),
                        ip(n.path("DestAddress").asText()), n.path("DestPort").asText(), n.path("ProcessID").asText(), null, t,
                        n.path("Direction").asText().equals("%%14592")));
            }
        }
        return out;
    }

}
