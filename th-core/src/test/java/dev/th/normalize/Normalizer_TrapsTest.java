package dev.th.normalize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The traps of MANIFEST.md, muid stability, and the Fields column. */
class Normalizer_TrapsTest {
    static final Normalizer N = new Normalizer();

    static RawEvent withFields(RawEvent e, String channel, Map<String, String> changes) {
        Map<String, String> f = new LinkedHashMap<>(e.fields());
        f.putAll(changes);
        return new RawEvent(e.source(), e.recordId(), e.time(), e.provider(), channel, e.eventId(), e.computer(), f);
    }

    @Test
    void guidFromEvtxLowerInBracesEqualsJsonUpper() throws IOException {
        // reference-counts.json holds the ProcessGuid as python-evtx reads it from the EVTX twin
        JsonNode sample = Normalizer_CountsTest.reference().path("evtx")
                .path("sigma-regression/proc_creation_win_certutil_decode/cc9cbe82-7bc0-4ef5-bc23-bbfb83947be7.evtx")
                .path("sysmon_eid1_samples").path(0);
        String evtxSpelling = sample.path("ProcessGuid").asText();
        assertEquals("{5aa13a44-0130-68fd-4e35-000000004002}", evtxSpelling);
        RawEvent json = Normalizer_EventsTest.regressionJson("proc_creation_win_certutil_decode");
        assertEquals("5AA13A44-0130-68FD-4E35-000000004002", json.field("ProcessGuid"));
        RawEvent evtx = Normalizer_EventsTest.regression("proc_creation_win_certutil_decode");
        assertEquals(evtxSpelling, evtx.field("ProcessGuid"));
        assertEquals("5aa13a44-0130-68fd-4e35-000000004002", N.normalize(evtx, "c").get(Column.ChildGuid));
        assertEquals(N.normalize(json, "c").get(Column.ChildGuid), N.normalize(evtx, "c").get(Column.ChildGuid));
        assertEquals(N.normalize(json, "c").get(Column.ParentGuid), N.normalize(evtx, "c").get(Column.ParentGuid));
    }

    @Test
    void channelCaseAndProviderOnly() throws IOException {
        List<RawEvent> events = TestEvents.otrfZip(SharedData.require("otrf/psh_lsass_memory_dump_comsvcs.zip"));
        RawEvent sec = events.stream().filter(e -> e.eventId() == 4688).findFirst().orElseThrow();
        RawEvent sysmon = events.stream().filter(e -> e.eventId() == 1).findFirst().orElseThrow();
        for (RawEvent e : new RawEvent[] {sec, sysmon}) {
            CanonicalEvent asIs = N.normalize(e, "c");
            assertEquals("process", asIs.get(Column.Family));
            for (String channel : new String[] {e.channel().toLowerCase(java.util.Locale.ROOT), e.channel().toUpperCase(java.util.Locale.ROOT), "ForwardedEvents"}) {
                CanonicalEvent other = N.normalize(withFields(e, channel, Map.of()), "c");
                assertEquals(channel, other.get(Column.Channel));
                other.set(Column.Channel, e.channel());
                assertArrayEquals(asIs.values(), other.values(), channel);
            }
        }
        // security 4688 of this file: hex pids, the process that dumps lsass
        CanonicalEvent r = N.normalize(withFields(sec, "security", Map.of()), "c");
        assertEquals("rundll32.exe", r.get(Column.ChildFilename));
        assertEquals(Long.decode(sec.field("NewProcessId")), r.get(Column.ChildPid));
    }

    @Test
    void numbersAsStringsOrNumbersGiveTheSameValues() throws IOException {
        // evtx_dump JSON writes ProcessId as a number, OTRF as a string: both read as text "5112"
        RawEvent json = Normalizer_EventsTest.regressionJson("proc_creation_win_certutil_decode");
        RawEvent spaced = withFields(json, json.channel(), Map.of("ProcessId", "0x13f8", "ParentProcessId", " 6304 "));
        assertEquals(N.normalize(json, "c").get(Column.ChildPid), N.normalize(spaced, "c").get(Column.ChildPid));
        assertEquals(6304L, N.normalize(spaced, "c").get(Column.ParentPid));
    }

    @Test
    void providersProcessIdIsNotTheEventsProcessId() throws IOException {
        RawEvent json = Normalizer_EventsTest.regressionJson("proc_creation_win_certutil_decode");
        RawEvent both = withFields(json, json.channel(), Map.of("ProcessID", "3308"));
        CanonicalEvent r = N.normalize(both, "c");
        assertEquals(5112L, r.get(Column.ChildPid));
        assertEquals("3308", new ObjectMapper().readTree(r.text(Column.Fields)).path("ProcessID").asText());
    }

    @Test
    void muidIsStable() {
        // md5("default/mkt01") and md5("acme/workstation5"), computed outside TH: an FQDN and its
        // NetBIOS name are one machine of a client
        assertEquals("8f36cd507617fca26bb042756c0dedfd", Normalizer.muid("default", "MKT01.pandalab.com"));
        assertEquals("8f36cd507617fca26bb042756c0dedfd", Normalizer.muid("default", "mkt01.PANDALAB.COM"));
        assertEquals("8f36cd507617fca26bb042756c0dedfd", Normalizer.muid("default", "MKT01"));
        assertNotEquals(Normalizer.muid("default", "10.0.0.1"), Normalizer.muid("default", "10.0.0.2"));
        assertEquals("fe80::1", Normalizer.machineKey("FE80::1"));
        assertEquals("ace8c31511b3143fe03bddce919ad349", Normalizer.muid("acme", "WORKSTATION5"));
        assertNotEquals(Normalizer.muid("acme", "MKT01.pandalab.com"), Normalizer.muid("default", "MKT01.pandalab.com"));
    }

    @Test
    void muidOfRealEvents() throws IOException {
        List<RawEvent> events = TestEvents.otrfZip(SharedData.require("otrf/psh_lsass_memory_dump_comsvcs.zip"));
        for (RawEvent e : events) {
            assertEquals("WORKSTATION5", e.computer());
            assertEquals("ace8c31511b3143fe03bddce919ad349", N.normalize(e, "acme").get(Column.Muid));
            assertEquals(Normalizer.muid("default", "workstation5"), N.normalize(e, "default").get(Column.Muid));
        }
    }

    @Test
    void fieldsKeepEveryFieldAsJacksonWritesThem() throws IOException {
        ObjectMapper jackson = new ObjectMapper();
        List<RawEvent> events = TestEvents.otrfZip(SharedData.require("otrf/purplesharp_pe_injection_createremotethread.zip"));
        assertEquals(692, events.size());
        for (RawEvent e : events) {
            String fields = N.normalize(e, "default").text(Column.Fields);
            assertEquals(jackson.writeValueAsString(e.fields()), fields);
            assertEquals(e.fields(), jackson.readValue(fields, Map.class));
        }
        Map<String, String> odd = new LinkedHashMap<>();
        odd.put("a\"b", "tab\there\u0001\\ \u00e9 \u2028");
        odd.put("n", null);
        assertEquals(jackson.writeValueAsString(odd), FieldsJson.write(odd));
    }

    @Test
    void mappedEventsWithMissingOrOddFieldsStillNormalize() {
        // every mapped (source, id) with no EventData, and with every field the tables read set to odd text
        String[] odd = {"-", "", " ", "0x", "{", "\\", "::ffff:", "MD5=", "999999999999999999999999"};
        for (EventRule rule : MappingTable.standard().rules()) {
            String channel = switch (rule.source) {
                case "sysmon" -> "Microsoft-Windows-Sysmon/Operational";
                case "security" -> "Security";
                case "powershell" -> "Microsoft-Windows-PowerShell/Operational";
                case "scm" -> "System";
                case "taskscheduler" -> "Microsoft-Windows-TaskScheduler/Operational";
                case "wmi" -> "Microsoft-Windows-WMI-Activity/Operational";
                case "powershell-classic" -> "Windows PowerShell";
                case "rdp-lsm" -> "Microsoft-Windows-TerminalServices-LocalSessionManager/Operational";
                case "rdp-rcm" -> "Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational";
                default -> "Microsoft-Windows-Windows Defender/Operational";
            };
            for (String value : odd) {
                Map<String, String> f = new LinkedHashMap<>();
                if (!value.equals("-")) {
                    for (String name : new String[] {"Image", "ProcessId", "ProcessGuid", "Hashes", "TargetFilename", "TargetObject",
                            "EventType", "Initiated", "SourceIp", "DestinationIp", "SourcePort", "Contents", "Path", "NewProcessId",
                            "TargetUserName", "TargetDomainName", "SubjectUserName", "TargetLogonId", "SubjectLogonId", "MandatoryLabel",
                            "IpAddress", "Status", "SubStatus", "ContextInfo", "Message", "Address", "Param3"}) {
                        f.put(name, value);
                    }
                }
                RawEvent e = new RawEvent(null, 1, null, null, channel, rule.eventId, null, f);
                CanonicalEvent r = N.normalize(e, "c");
                if (rule.logic == Logic.OBJECT_ACCESS) {
                    // no ObjectType: a 4660 or 5145 stays a file action, a 4656 or 4663 is raw
                    assertEquals(rule.eventId == 4660 || rule.eventId == 5145 ? "file" : "raw", r.get(Column.Family));
                    continue;
                }
                assertEquals(rule.family.label(), r.get(Column.Family));
            }
        }
    }
}
