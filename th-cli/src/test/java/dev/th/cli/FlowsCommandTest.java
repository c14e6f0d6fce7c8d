package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th ingest} of LSASS_campaign_01's host logs with its Zeek logs, then the bandwidth and
 * communications commands, against sums the test makes from conn.log itself.
 */
class FlowsCommandTest {
    private static final String HOST = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";
    private static final String ZEEK = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump_zeek_logs.zip";

    @TempDir
    static Path dir;
    private static Run ingest;

    @BeforeAll
    static void ingest() {
        Path host = SharedData.require(HOST);
        Path zeek = SharedData.require(ZEEK);
        ingest = Run.th("ingest", "--db", dir.toString(), "--no-hunt", host.toString(), zeek.toString());
    }

    @Test
    void theIngestSaysWhatItAssignedAndWhatItDidNotRead() {
        assertEquals(2, ingest.exit(), ingest::toString); // the Zeek logs TH does not read are rejected inputs
        assertTrue(ingest.out().contains("clock offset MKT01.pandalab.com: sensor = host + "), ingest::toString);
        assertTrue(ingest.out().contains("a Zeek kerberos log: TH reads Zeek's conn, dns, http and ssl logs"), ingest::toString);
    }

    @Test
    void bandwidthOfTheDomainControllerSeenByTheNetworkOnly() throws Exception {
        long sent = 0;
        long received = 0;
        try (ZipFile z = new ZipFile(SharedData.require(ZEEK).toFile())) {
            var e = z.stream().filter(x -> x.getName().endsWith("conn.log")).findFirst().orElseThrow();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(z.getInputStream(e), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.split("\t", -1); // ts uid orig_h orig_p resp_h ... orig_ip_bytes(17) resp_ip_bytes(19)
                    if (f[2].equals("192.168.1.4")) {
                        sent += Long.parseLong(f[17]);
                        received += Long.parseLong(f[19]);
                    } else if (f[4].equals("192.168.1.4")) {
                        sent += Long.parseLong(f[19]);
                        received += Long.parseLong(f[17]);
                    }
                }
            }
        }
        Run r = Run.th("machine", "192.168.1.4", "bandwidth", "--period", "all", "--db", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertEquals(1, rows.size());
        assertEquals("2023-08-16", rows.get(0).get("Date").asText());
        assertEquals(sent / 1e6, rows.get(0).get("Outgoing").asDouble(), 1e-9);
        assertEquals(received / 1e6, rows.get(0).get("Incoming").asDouble(), 1e-9);
        assertTrue(r.err().contains("0.0% of them assigned to its processes"), r::toString);
        Run machines = Run.th("machines", "--db", dir.toString());
        // by hand from conn.log and the host JSON: the domain controller 192.168.1.4, the attacker's
        // 10.0.5.13 and the router fe80::a00:27ff:fe18:a1ef (its ICMPv6 router advertisement to ff02::1);
        // fe80::5d91:ea18:e2b5:9755 is MKT01's own (its Sysmon 3 and WFP events)
        assertTrue(machines.err().contains("3 seen by the network only"), machines::toString);
        for (String a : new String[] {"192.168.1.4", "10.0.5.13", "fe80::a00:27ff:fe18:a1ef"}) {
            assertTrue(machines.out().contains(a), machines::toString);
        }
    }

    @Test
    void communicationsRankedByBytes() throws Exception {
        Run r = Run.th("machine", "MKT01", "communications", "--period", "all", "--top", "1", "--rank", "bytes",
                "--db", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r::toString);
        JsonNode row = new ObjectMapper().readTree(r.out()).get(0);
        // conn.log's largest flow, C0tKq92bxZdLorFnUb: 991141 bytes from 10.0.5.13:8080 to svchost.exe's 51146
        assertEquals("svchost.exe", row.get("ParentFilename").asText());
        assertEquals(991141, row.get("ReceivedBytes").asLong());
        Run bad = Run.th("machine", "MKT01", "communications", "--rank", "size", "--db", dir.toString());
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("--rank: 'size' is not one of times, bytes"), bad::toString);
    }
}
