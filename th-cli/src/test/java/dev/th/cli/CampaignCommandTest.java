package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocked items and aggregated communications on the host logs of OTRF's LSASS campaign (53,698
 * events of MKT01.pandalab.com on 2023-08-15): Sysmon 28 blocked the shredding of SRU.log 98
 * times, Sysmon 29 flagged 2 executables (rtcpef.dll written by winx64_payload.exe for
 * pedro.gustavo); svchost 1048 asked the DNS server 192.168.1.4 67 times, lsass 628 talked
 * Kerberos to it 13 times.
 */
class CampaignCommandTest {
    private static final String CAMPAIGN = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";

    @TempDir
    static Path dir;

    @BeforeAll
    static void ingest() {
        Path zip = SharedData.require(CAMPAIGN);
        Run r = Run.th("ingest", "--db", dir.toString(), zip.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("53698 stored"), r::toString);
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", dir.toString(), "--format", "json"));
        Run r = Run.th(all.toArray(new String[0]));
        assertEquals(0, r.exit(), r::toString);
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void blocked() throws Exception {
        // 98 Sysmon 28 on 2023-08-15 09:53-10:00 by TimeCreated, 2023-08-16 04:53-05:00 by the
        // export's clock (+19:00, from Sysmon's UtcTime)
        JsonNode all = json("machine", "MKT01", "blocked", "--period", "2023-08-16");
        assertEquals(98, all.size());
        assertEquals(SeedColumnsSpec.DETECTIONS, AskStore.keys(all.get(0)));
        // pedro's Sysmon 29 (FileExecutableDetected) is a detection, not a block
        assertEquals(0, json("machine", "MKT01", "blocked", "--users", "pedro.gustavo", "--period", "all").size());
        JsonNode pedro = json("machine", "MKT01", "detections", "--users", "pedro.gustavo", "--period", "all");
        assertEquals(1, pedro.size());
        assertEquals("rtcpef.dll", pedro.get(0).get("ChildFilename").asText());
        assertEquals("winx64_payload.exe", pedro.get(0).get("ParentFilename").asText());
        assertEquals("FileExecutableDetected", pedro.get(0).get("Action").asText());
        assertEquals("Sysmon", pedro.get(0).get("WinningTech").asText());
        assertEquals(98, json("machine", "MKT01", "blocked", "--file", "SRU.log", "--period", "all").size());
        assertEquals(List.of("98"), AskStore.column(json("machine", "MKT01", "blocked", "--histogram", "day:Action:2",
                "--period", "all"), "Count"));
        assertEquals(1, json("client", "default", "detections", "--file", "rtcpef.dll", "--period", "all").size());
    }

    @Test
    void communicationsTopAggregatesIntoTimes() throws Exception {
        JsonNode top = json("machine", "MKT01", "communications", "--top", "3", "--period", "all");
        assertEquals(SeedColumnsSpec.MACHINE_COMMUNICATIONS, AskStore.keys(top.get(0)));
        // Sysmon 3: svchost.exe 1048 to 192.168.1.4:53 67 times; the WFP (5156, no user) saw 62 of
        // them; System 4 received 18 NetBIOS broadcasts (192.168.1.255:137)
        assertEquals(List.of("67", "62", "18"), AskStore.column(top, "Times"));
        assertEquals(List.of("svchost.exe", "svchost.exe", "System"), AskStore.column(top, "ParentFilename"));
        assertEquals(List.of("53", "53", "137"), AskStore.column(top, "RemotePort"));
        assertEquals("Private", top.get(0).get("Ipv4Status").asText());
        assertEquals(List.of("MKT01.pandalab.com"),
                AskStore.column(json("client", "default", "machines", "--ips", "192.168.1.4"), "MachineName"));
    }
}
