package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real events, one or two per family, normalized and checked column by column against the
 * event's own fields (read by hand from the files named in each test).
 */
class Normalizer_EventsTest {
    static final String LSASS = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";
    static final Normalizer N = new Normalizer();
    static List<RawEvent> lsass;

    @BeforeAll
    static void load() throws IOException {
        Path zip = SharedData.root().resolve("data").resolve(LSASS);
        lsass = Files.exists(zip) ? TestEvents.otrfZip(zip) : null;
    }

    /** The LSASS campaign's events; skips the calling test when the zip is missing. */
    static List<RawEvent> lsassEvents() {
        SharedData.require(LSASS);
        return lsass;
    }

    /** The OTRF event of the LSASS campaign at JSON line {@code line} (1-based). */
    static CanonicalEvent lsassLine(int line) {
        RawEvent e = lsassEvents().get(line - 1);
        assertEquals(line, e.recordId());
        return N.normalize(e, "default");
    }

    /** The (first) event of a regression pair's EVTX file. */
    static RawEvent regression(String folder) throws IOException {
        return TestEvents.evtx(pairFile(folder, ".evtx")).get(0);
    }

    /** The (first) event of a regression pair's evtx_dump JSON twin. */
    static RawEvent regressionJson(String folder) throws IOException {
        return TestEvents.evtxDumpJson(pairFile(folder, ".json")).get(0);
    }

    static Path pairFile(String folder, String suffix) throws IOException {
        Path dir = SharedData.require("sigma-regression/" + folder);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    @Test
    void sysmon1_certutilWithItsParent() throws IOException {
        CanonicalEvent r = N.normalize(regression("proc_creation_win_certutil_decode"), "acme");
        assertEquals("process", r.get(Column.Family));
        assertEquals("create", r.get(Column.Operation));
        assertEquals("acme", r.get(Column.ClientId));
        assertEquals("ar-win-dc.attackrange.local", r.get(Column.MachineName));
        assertEquals(Normalizer.muid("acme", "AR-WIN-DC.attackrange.local"), r.get(Column.Muid));
        assertEquals(Instant.parse("2025-10-25T16:56:16.019794Z"), r.get(Column.DateTime));
        assertEquals(LocalDate.of(2025, 10, 25), r.get(Column.Date));
        assertEquals(1, r.get(Column.EventId));
        assertEquals(11418519L, r.get(Column.RecordId));
        assertEquals("ATTACKRANGE\\Administrator", r.get(Column.LoggedUser));
        assertEquals("C:\\Windows\\System32\\certutil.exe", r.get(Column.ChildPath));
        assertEquals("certutil.exe", r.get(Column.ChildFilename));
        assertEquals(5112L, r.get(Column.ChildPid));
        assertEquals("5aa13a44-0130-68fd-4e35-000000004002", r.get(Column.ChildGuid));
        assertEquals("a561a96624ca5cd5491bfc1609e2958a", r.get(Column.ChildMd5));
        assertEquals("SHA1=317E563BFC7EC87B181D5A1745E43B8F5288DBFC,MD5=A561A96624CA5CD5491BFC1609E2958A,"
                + "SHA256=D5B7E8E44F37B1FBD79A79E3321244EEF946F419151374BD1BE4D6833754FED8,IMPHASH=02CB6949ACFAA0B84149D99111C16734",
                r.get(Column.Hashes));
        assertEquals("certutil  -decode file.base64 file-decoded.ext", r.get(Column.CommandLine));
        assertEquals("C:\\Windows\\System32\\cmd.exe", r.get(Column.ParentPath));
        assertEquals("cmd.exe", r.get(Column.ParentFilename));
        assertEquals(6304L, r.get(Column.ParentPid));
        assertEquals("5aa13a44-0fec-68fc-281e-000000004002", r.get(Column.ParentGuid));
        assertNull(r.get(Column.ParentMd5));
        assertEquals("\"C:\\Windows\\System32\\cmd.exe\"", r.get(Column.ParentCommandLine));
        assertEquals("High", r.get(Column.IntegrityLevel));
        assertEquals("0x529ae3", r.get(Column.LogonId));
        for (Column attribute : new Column[] {Column.RemoteSession, Column.External, Column.FreshUnknown, Column.LanShared}) {
            assertNull(r.get(attribute), attribute.name());
        }
        assertEquals("admintool", r.get(Column.Kind)); // certutil: LOLBAS, and ATT&CK tool S0160
        assertEquals("interpreter,admintool", r.get(Column.ParentKind)); // cmd: TH's interpreters, LOLBAS, ATT&CK S0106
    }

    @Test
    void security4688_hexPids_sameProcessAsItsSysmon1() {
        // line 119: Security 4688 of msedge.exe; line 2475 is the Sysmon 1 of the same process creation
        CanonicalEvent sec = lsassLine(119);
        assertEquals(4688, sec.get(Column.EventId));
        assertEquals("process", sec.get(Column.Family));
        assertEquals("create", sec.get(Column.Operation));
        assertEquals(0x1d18L, sec.get(Column.ChildPid));
        assertEquals(7448L, sec.get(Column.ChildPid));
        assertEquals(0x11c0L, sec.get(Column.ParentPid));
        assertEquals("C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", sec.get(Column.ChildPath));
        assertEquals("msedge.exe", sec.get(Column.ChildFilename));
        assertEquals("C:\\Windows\\explorer.exe", sec.get(Column.ParentPath));
        assertEquals("explorer.exe", sec.get(Column.ParentFilename));
        // TargetUserName is "-": the creator (Subject) is the user, with its logon id
        assertEquals("PANDALAB\\stevie.marie", sec.get(Column.LoggedUser));
        assertEquals("0x62f2d", sec.get(Column.LogonId));
        assertEquals("Medium", sec.get(Column.IntegrityLevel));
        assertNull(sec.get(Column.ChildGuid));
        assertNull(sec.get(Column.ChildMd5));

        CanonicalEvent sys = lsassLine(2475);
        assertEquals(1, sys.get(Column.EventId));
        for (Column c : new Column[] {Column.ChildPid, Column.ParentPid, Column.ChildPath, Column.ParentPath,
                Column.LoggedUser, Column.CommandLine, Column.LogonId, Column.IntegrityLevel, Column.Muid}) {
            assertEquals(sys.get(c), sec.get(c), c.name());
        }
        assertEquals("ad8536c7440638d40156e883ac25086e", sys.get(Column.ChildMd5));
        assertEquals("81056205-565c-64dc-2304-000000000800", sys.get(Column.ChildGuid));
    }

    @Test
    void security4688_targetUserWhenTheMachineCreatesForAUser() {
        CanonicalEvent r = firstLsass(e -> e.eventId() == 4688 && "MKT01$".equals(e.field("SubjectUserName"))
                && "pedro.gustavo".equals(e.field("TargetUserName")));
        assertEquals("PANDALAB\\pedro.gustavo", r.get(Column.LoggedUser));
        assertEquals("0xc10d0f", r.get(Column.LogonId));
    }

    @Test
    void sysmon3_outgoingIpv4() {
        CanonicalEvent r = lsassLine(firstLine(e -> e.eventId() == 3 && "63829".equals(e.field("SourcePort"))));
        assertEquals("network", r.get(Column.Family));
        assertNull(r.get(Column.Operation));
        assertEquals("Outgoing", r.get(Column.Direction));
        assertEquals("UDP", r.get(Column.Protocol));
        assertEquals("192.168.1.41", r.get(Column.LocalIp));
        assertEquals(63829, r.get(Column.LocalPort));
        assertEquals("192.168.1.4", r.get(Column.RemoteIp));
        assertEquals(53, r.get(Column.RemotePort));
        assertEquals("Private", r.get(Column.Ipv4Status));
        assertEquals("svchost.exe", r.get(Column.ParentFilename));
        assertEquals(1048L, r.get(Column.ParentPid));
        assertEquals("NT AUTHORITY\\NETWORK SERVICE", r.get(Column.LoggedUser));
    }

    @Test
    void sysmon3_incomingIpv4_localEndIsTheDestination() {
        CanonicalEvent r = lsassLine(5395);
        assertEquals("Incoming", r.get(Column.Direction));
        assertEquals("192.168.1.41", r.get(Column.LocalIp));
        assertEquals(137, r.get(Column.LocalPort));
        assertEquals("192.168.1.255", r.get(Column.RemoteIp));
        assertEquals(137, r.get(Column.RemotePort));
        assertEquals("Private", r.get(Column.Ipv4Status));
        assertEquals("System", r.get(Column.ParentFilename));
        assertEquals(4L, r.get(Column.ParentPid));
    }

    @Test
    void sysmon3_ipv6_bothDirections() {
        CanonicalEvent out = lsassLine(5452);
        assertEquals("Outgoing", out.get(Column.Direction));
        assertEquals("fe80:0:0:0:5d91:ea18:e2b5:9755", out.get(Column.LocalIp));
        assertEquals("ff02:0:0:0:0:0:0:fb", out.get(Column.RemoteIp));
        assertEquals("Private", out.get(Column.Ipv4Status));
        CanonicalEvent in = lsassLine(5453);
        assertEquals("Incoming", in.get(Column.Direction));
        assertEquals("fe80:0:0:0:5d91:ea18:e2b5:9755", in.get(Column.LocalIp));
        assertEquals("ff02:0:0:0:0:0:0:fb", in.get(Column.RemoteIp));
        assertEquals(5353, in.get(Column.RemotePort));
    }

    @Test
    void sysmon3_wholeCampaign_directionsAndPrivateEnds() {
        SharedData.require(LSASS);
        int outgoing = 0;
        int incoming = 0;
        for (RawEvent e : lsassEvents()) {
            if (e.eventId() != 3 || !e.channel().contains("Sysmon")) {
                continue;
            }
            CanonicalEvent r = N.normalize(e, "default");
            boolean out = "true".equals(e.field("Initiated"));
            outgoing += out ? 1 : 0;
            incoming += out ? 0 : 1;
            assertEquals(out ? "Outgoing" : "Incoming", r.get(Column.Direction));
            assertEquals(e.field(out ? "DestinationIp" : "SourceIp"), r.get(Column.RemoteIp));
            assertEquals(e.field(out ? "SourceIp" : "DestinationIp"), r.get(Column.LocalIp));
            // the campaign's host talks only to its LAN, multicast and link-local peers
            assertEquals("Private", r.get(Column.Ipv4Status), r.text(Column.RemoteIp));
        }
        assertEquals(135, outgoing);
        assertEquals(5, incoming);
    }

    @Test
    void sysmon13_registryValue() throws IOException {
        CanonicalEvent r = N.normalize(regression("registry_event_add_local_hidden_user"), "default");
        assertEquals("registry", r.get(Column.Family));
        assertEquals("modify", r.get(Column.Operation));
        assertEquals("HKLM\\SAM\\SAM\\Domains\\Account\\Users\\Names\\hideme0007$", r.get(Column.Key));
        assertEquals("(Default)", r.get(Column.Value));
        assertEquals("Binary Data", r.get(Column.ValueData));
        assertEquals("C:\\Windows\\system32\\lsass.exe", r.get(Column.ParentPath));
        assertEquals("lsass.exe", r.get(Column.ParentFilename));
        assertEquals(648L, r.get(Column.ParentPid));
        assertEquals("747f3d96-68dd-5fdd-0000-00101b660000", r.get(Column.ParentGuid));
        assertNull(r.get(Column.LoggedUser)); // this older Sysmon 13 has no User field
        assertNull(r.get(Column.ChildPath));
    }

    @Test
    void sysmon12_deleteKeyAndDeleteValue() throws IOException {
        CanonicalEvent key = N.normalize(regression("registry_delete_runmru"), "default");
        assertEquals("registry", key.get(Column.Family));
        assertEquals("delete", key.get(Column.Operation));
        assertEquals("HKU\\S-1-5-21-3960063115-309473240-3247002503-500\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU",
                key.get(Column.Key));
        assertNull(key.get(Column.Value));
        assertEquals("reg.exe", key.get(Column.ParentFilename));
        assertEquals("ATTACKRANGE\\Administrator", key.get(Column.LoggedUser));

        CanonicalEvent value = lsassLine(3345);
        assertEquals("delete", value.get(Column.Operation));
        assertEquals("\\REGISTRY\\A\\{637b53f9-4d89-6fa1-6c98-3a1f52acff48}\\Root\\InventoryDriverBinary", value.get(Column.Key));
        assertEquals("c:/windows/system32/drivers/1394ohci.sys", value.get(Column.Value));
    }

    @Test
    void sysmon12_wholeCampaign_createAndDeleteByEventType() {
        SharedData.require(LSASS);
        java.util.Map<String, Integer> ops = new java.util.TreeMap<>();
        for (RawEvent e : lsassEvents()) {
            if (e.eventId() == 12) {
                ops.merge(N.normalize(e, "default").text(Column.Operation), 1, Integer::sum);
            }
        }
        // EventType counts of the file: CreateKey 2695; DeleteKey 22 + DeleteValue 449
        assertEquals(java.util.Map.of("create", 2695, "delete", 471), ops);
    }

    @Test
    void powershell4104_scriptBlockIntoCommandLine() {
        CanonicalEvent r = lsassLine(50647);
        assertEquals("file", r.get(Column.Family));
        assertEquals("script", r.get(Column.Operation));
        assertEquals("# Generation of security dataset\n$LogProviders | Export-WinEvents -EndDate $FromDate -OutputPath "
                + "\"C:/Users/stevie.marie/Desktop/host_event_logs_$(get-date -format yyyy-MM-ddTHHmmssff).json\" -Verbose",
                r.get(Column.CommandLine));
        assertEquals("C:\\Users\\stevie.marie\\Desktop\\Data_Collection\\Collection-Dataset-Generation.ps1", r.get(Column.ChildPath));
        assertEquals("Collection-Dataset-Generation.ps1", r.get(Column.ChildFilename));
    }

    @Test
    void security4624_logon() {
        CanonicalEvent r = firstLsass(e -> e.eventId() == 4624 && "0xc10d0f".equals(e.field("TargetLogonId")));
        assertEquals("logon", r.get(Column.Family));
        assertEquals("logon", r.get(Column.Operation));
        assertEquals("PANDALAB\\pedro.gustavo", r.get(Column.LoggedUser));
        assertEquals("0xc10d0f", r.get(Column.LogonId));
        assertEquals("11", r.get(Column.LogonType));
        assertEquals("::1", r.get(Column.RemoteIp));
        assertEquals("C:\\Windows\\System32\\consent.exe", r.get(Column.ParentPath));
        assertEquals(0xe58L, r.get(Column.ParentPid));
    }

    @Test
    void security4648_explicitCredentials() throws IOException {
        CanonicalEvent r = N.normalize(regression("win_security_explicit_credential_local_logon"), "default");
        assertEquals("logon", r.get(Column.Family));
        assertEquals("explicit", r.get(Column.Operation));
        assertEquals("swachchhanda\\testuser", r.get(Column.LoggedUser));
        assertEquals("0x85527", r.get(Column.LogonId));
        assertNull(r.get(Column.RemoteIp)); // IpAddress is "-"
        assertEquals(0x378L, r.get(Column.ParentPid));
        assertEquals("LegacyHive.exe", r.get(Column.ParentFilename));
    }

    @Test
    void sysmon10_processAccess_upperCaseGuidFieldNames() throws IOException {
        CanonicalEvent r = N.normalize(regression("proc_access_win_susp_dbgcore_dbghelp_load"), "default");
        assertEquals("process", r.get(Column.Family));
        assertEquals("access", r.get(Column.Operation));
        assertEquals("WerFaultSecure.exe", r.get(Column.ParentFilename));
        assertEquals(296L, r.get(Column.ParentPid));
        assertEquals("0197231e-046c-6928-160c-000000000d00", r.get(Column.ParentGuid));
        assertEquals("C:\\WINDOWS\\system32\\lsass.exe", r.get(Column.ChildPath));
        assertEquals(860L, r.get(Column.ChildPid));
        assertEquals("0197231e-2dd5-691e-0c00-000000000d00", r.get(Column.ChildGuid));
        assertEquals("0x1fffff", r.get(Column.GrantedAccess));
        assertEquals("swachchhanda\\xodih", r.get(Column.LoggedUser));
    }

    @Test
    void sysmon7_load_md5FirstInTheList() throws IOException {
        CanonicalEvent r = N.normalize(regression("image_load_side_load_vcruntime140"), "default");
        assertEquals("load", r.get(Column.Operation));
        assertEquals("vcruntime140.dll", r.get(Column.ChildFilename));
        assertEquals("6349c0af16bbd22b44bcbbe25c19d82d", r.get(Column.ChildMd5));
        assertEquals("sqlwriter.exe", r.get(Column.ParentFilename));
        assertEquals(20204L, r.get(Column.ParentPid));
    }

    @Test
    void sysmon8_remoteThread() {
        CanonicalEvent r = lsassLine(31343);
        assertEquals("thread", r.get(Column.Operation));
        assertEquals("winx64_payload.exe", r.get(Column.ParentFilename));
        assertEquals(1988L, r.get(Column.ParentPid));
        assertEquals("81056205-5686-64dc-3b04-000000000800", r.get(Column.ParentGuid));
        assertEquals("svchost.exe", r.get(Column.ChildFilename));
        assertEquals(1400L, r.get(Column.ChildPid));
        assertEquals("PANDALAB\\pedro.gustavo", r.get(Column.LoggedUser));
    }

    @Test
    void sysmon11_peIsCreate_otherFilesAreScript() throws IOException {
        CanonicalEvent pe = lsassLine(26562);
        assertEquals("file", pe.get(Column.Family));
        assertEquals("create", pe.get(Column.Operation));
        assertEquals("rtcpef.dll", pe.get(Column.ChildFilename));
        assertEquals("winx64_payload.exe", pe.get(Column.ParentFilename));
        CanonicalEvent other = lsassLine(2576);
        assertEquals("script", other.get(Column.Operation));
        assertEquals("CrashpadMetrics-active.pma", other.get(Column.ChildFilename));
        CanonicalEvent dll = N.normalize(regression("file_event_win_advanced_ip_scanner"), "default");
        assertEquals("create", dll.get(Column.Operation));
        assertEquals("qwindows.dll", dll.get(Column.ChildFilename));
        assertEquals("Advanced_IP_Scanner_2.5.4594.1(1).tmp", dll.get(Column.ParentFilename));
    }

    @Test
    void sysmon15_zoneIdentifierSetsExternal() {
        List<CanonicalEvent> streams = lsassEvents().stream().filter(e -> e.eventId() == 15).map(e -> N.normalize(e, "default")).toList();
        assertEquals(6, streams.size());
        int external = 0;
        for (CanonicalEvent r : streams) {
            assertEquals("stream", r.get(Column.Operation));
            boolean zone = r.text(Column.ChildPath).endsWith(":Zone.Identifier");
            // the streams by their ZoneId=3; the payload itself because Edge (a browser) wrote it to Downloads
            assertEquals(Boolean.TRUE, r.get(Column.External), r.text(Column.ChildPath));
            String evidence = r.text(Column.AttrEvidence);
            assertTrue(zone ? evidence.startsWith("External: Zone.Identifier ZoneId=3")
                    : evidence.equals("External: written by msedge.exe (browser)"), evidence);
            external += zone ? 1 : 0;
            if (!zone) { // the payload itself; a stream's Hash is of the stream's content
                assertEquals("289684eb9fa3cbd200f4440b6399ff11", r.get(Column.ChildMd5));
            }
        }
        assertEquals(3, external);
    }

    @Test
    void sysmon22_dns() {
        CanonicalEvent r = lsassLine(4692);
        assertEquals("dns", r.get(Column.Family));
        assertEquals("DC01.pandalab.com", r.get(Column.QueryName));
        assertEquals("::ffff:192.168.1.4;", r.get(Column.QueryResults));
        assertEquals("BackgroundTaskHost.exe", r.get(Column.ParentFilename));
    }

    @Test
    void sysmon29_detection_notABlock() {
        CanonicalEvent r = firstLsass(e -> e.eventId() == 29 && e.field("TargetFilename").endsWith("rtcpef.dll"));
        assertEquals("detection", r.get(Column.Family));
        assertEquals("rtcpef.dll", r.get(Column.ChildFilename));
        assertEquals("f4bff045a95d0895be9415d3701b611d", r.get(Column.ChildMd5));
        assertEquals("winx64_payload.exe", r.get(Column.ParentFilename));
        assertEquals("FileExecutableDetected", r.get(Column.Action));
        assertEquals("Sysmon", r.get(Column.WinningTech));
    }

    @Test
    void otherEventsStayRaw_withAllTheirFields() {
        CanonicalEvent r = firstLsass(e -> e.eventId() == 5379);
        assertEquals("raw", r.get(Column.Family));
        assertNull(r.get(Column.Operation));
        assertNull(r.get(Column.ParentPid));
        assertEquals("Security", r.get(Column.Channel));
    }

    static int firstLine(java.util.function.Predicate<RawEvent> p) {
        SharedData.require(LSASS);
        return (int) lsassEvents().stream().filter(p).findFirst().orElseThrow().recordId();
    }

    static CanonicalEvent firstLsass(java.util.function.Predicate<RawEvent> p) {
        return lsassLine(firstLine(p));
    }
}
