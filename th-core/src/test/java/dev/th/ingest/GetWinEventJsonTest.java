package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import dev.th.testing.WindowsExports;
import dev.th.testing.WindowsExports.PowerShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Get-WinEvent JSON beyond the plain array: a single record (ConvertTo-Json writes an object, not
 * an array), values ConvertTo-Json cut at its depth, and events TH has no names for.
 */
class GetWinEventJsonTest {
    @TempDir
    Path tmp;

    private static List<RawEvent> logons() throws IOException {
        ExportReads r = ExportReads.of(SharedData.require(
                "evtx/evtx-attack-samples/Credential_Access/CA_4624_4625_LogonType2_LogonProc_chrome.evtx"));
        assertEquals(List.of(), r.rejects);
        return r.events;
    }

    @Test
    void aSingleRecordIsAnObjectInUtf16() throws IOException {
        RawEvent evtx = logons().get(0);
        Path f = tmp.resolve("one.json");
        Files.write(f, WindowsExports.utf16le(WindowsExports.getWinEventJsonObject(evtx, PowerShell.WINDOWS_5_1)));
        ExportReads r = ExportReads.of(f);
        assertEquals(List.of(), r.rejects);
        assertEquals(1, r.events.size());
        RawEvent e = r.events.get(0);
        assertEquals(evtx.recordId(), e.recordId());
        assertEquals(evtx.computer(), e.computer());
        for (var d : WindowsExports.eventData(evtx)) {
            assertEquals(d.getValue(), e.field(d.getKey()), d.getKey());
        }
    }

    @Test
    void valuesCutAtTheDepthLimitAreReported() throws IOException {
        List<RawEvent> events = new java.util.ArrayList<>(logons());
        RawEvent logon = events.get(1);
        java.util.Map<String, String> f1 = new java.util.LinkedHashMap<>(logon.fields());
        // what ConvertTo-Json writes for a value below its depth: the type's name
        f1.put("TargetUserSid", "System.Security.Principal.SecurityIdentifier");
        events.set(1, new RawEvent(logon.source(), logon.recordId(), logon.time(), logon.provider(), logon.channel(),
                logon.eventId(), logon.computer(), f1));
        String cut = WindowsExports.getWinEventJson(events, PowerShell.WINDOWS_5_1);
        Path f = tmp.resolve("cut.json");
        Files.writeString(f, cut, StandardCharsets.UTF_8);
        ExportReads r = ExportReads.of(f);
        assertEquals(List.of(), r.rejects);
        assertEquals(events.size(), r.events.size(), "the event is kept");
        assertEquals(1, r.warnings.size(), r.warnings.toString());
        assertTrue(r.warnings.get(0).contains("Property5 holds only a type name: ConvertTo-Json stopped at its depth limit"),
                r.warnings.get(0));
        RawEvent e = r.events.stream().filter(x -> x.field("TargetUserSid").startsWith("System.")).findFirst().orElseThrow();
        assertEquals("System.Security.Principal.SecurityIdentifier", e.field("TargetUserSid"));
    }

    @Test
    void propertiesOfAnUnknownLayoutStayNumberedWithOneWarning() throws IOException {
        List<RawEvent> events = logons();
        String json = WindowsExports.getWinEventJson(events, PowerShell.CORE_7)
                .replace("\"Version\": 2,", "\"Version\": 9,").replace("\"Version\": 1,", "\"Version\": 9,")
                .replace("\"Version\": 0,", "\"Version\": 9,");
        Path f = tmp.resolve("v9.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        ExportReads r = ExportReads.of(f);
        assertEquals(List.of(), r.rejects);
        for (RawEvent e : r.events) {
            assertEquals(e.field("Property1"), WindowsExports.eventData(events.get(r.events.indexOf(e))).get(0).getValue());
        }
        long distinctLayouts = events.stream().map(e -> e.eventId() + "/" + WindowsExports.eventData(e).size()).distinct().count();
        assertEquals(distinctLayouts, r.warnings.size(), r.warnings.toString());
        assertTrue(r.warnings.stream().anyMatch(
                w -> w.contains("Get-WinEvent Properties of Microsoft-Windows-Security-Auditing event 4624 version 9")),
                r.warnings.toString());
    }

    @Test
    void compressedOneRecordALineIsReadToo() throws IOException {
        List<RawEvent> events = logons();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonNode record
                : json.readTree(WindowsExports.getWinEventJson(events, PowerShell.CORE_7))) {
            lines.append(json.writeValueAsString(record)).append("\r\n"); // ConvertTo-Json -Compress, one per line
        }
        Path f = tmp.resolve("compressed.json");
        Files.writeString(f, lines, StandardCharsets.UTF_8);
        ExportReads r = ExportReads.of(f);
        assertEquals(List.of(Format.JSON_LINES), r.formats);
        assertEquals(List.of(), r.rejects);
        assertEquals(events.stream().map(RawEvent::recordId).toList(), r.events.stream().map(RawEvent::recordId).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(events.get(i).field("TargetUserName"), r.events.get(i).field("TargetUserName"));
            assertEquals(events.get(i).time(), r.events.get(i).time());
        }
    }

    @Test
    void propertiesCutWholeAreOneWarningPerEvent() throws IOException {
        List<RawEvent> events = logons();
        // ConvertTo-Json with a depth too small for the EventProperty objects writes their type name
        String json = WindowsExports.getWinEventJson(events, PowerShell.WINDOWS_5_1)
                .replaceAll("\\{\\s*\"Value\":\\s+(\"([^\"\\\\]|\\\\.)*\"|[^\\s,}]+)\\s*\\}",
                        "\"System.Diagnostics.Eventing.Reader.EventProperty\"");
        assertTrue(json.contains("\"System.Diagnostics.Eventing.Reader.EventProperty\""));
        assertTrue(!json.contains("\"Value\":  \"S-1-"), "every value cut");
        Path f = tmp.resolve("depth1.json");
        Files.writeString(f, json, StandardCharsets.UTF_8);
        ExportReads r = ExportReads.of(f);
        assertEquals(List.of(), r.rejects);
        assertEquals(events.size(), r.events.size());
        assertEquals(events.size(), r.warnings.size(), r.warnings.toString());
        for (int i = 0; i < events.size(); i++) {
            int n = WindowsExports.eventData(events.get(i)).size();
            String w = r.warnings.get(i);
            assertTrue(w.contains("Property1..Property" + n + " (every Properties value) hold only a type name"), w);
        }
    }
}
