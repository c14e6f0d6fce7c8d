package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The traps of MANIFEST.md and the damaged-input rules, each checked on real OTRF lines (or a
 * copy of a real line changed in one named way where the data holds no example).
 */
class JsonLinesReader_TrapsTest {
    private static final String PSH = "otrf/psh_lsass_memory_dump_comsvcs.zip";
    private static final String PURPLE = "otrf/purplesharp_pe_injection_createremotethread.zip";
    private static final String CAMPAIGN = "otrf/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip";

    /** The lines of the (single) member of an OTRF zip. */
    static List<String> lines(String zip) throws IOException {
        try (InputStream file = Files.newInputStream(SharedData.require(zip)); ZipInputStream in = new ZipInputStream(file)) {
            in.getNextEntry();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (String l; (l = r.readLine()) != null; ) {
                out.add(l);
            }
            return out;
        }
    }

    static CollectingSink read(List<String> lines) throws IOException {
        CollectingSink sink = new CollectingSink();
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        new JsonLinesReader().read(new ByteArrayInputStream(bytes), "t.json", "h", sink);
        return sink;
    }

    static RawEvent one(String line) throws IOException {
        CollectingSink sink = read(List.of(line));
        assertEquals(List.of(), sink.rejections);
        return sink.events.get(0);
    }

    @Test
    void numbersAsStringsAndEventIdEitherWay() throws IOException {
        String line = lines(PSH).get(0); // Security 4689: "EventID":4689 (number), "Task":"13313" (string)
        assertTrue(line.contains("\"EventID\":4689,") && line.contains("\"Task\":\"13313\""));
        RawEvent e = one(line);
        assertEquals(4689, e.eventId());
        assertEquals("4689", e.field("EventID"));
        assertEquals("13313", e.field("Task"));
        RawEvent asString = one(line.replace("\"EventID\":4689,", "\"EventID\":\"4689\","));
        assertEquals(4689, asString.eventId());
        assertEquals("4689", asString.field("EventID"));
    }

    @Test
    void channelKeptAsSpelled() throws IOException {
        String line = lines(PSH).get(0);
        assertEquals("Security", one(line).channel());
        // the OTRF files here only spell it "Security"; the lower-case spelling of other exports is kept too
        RawEvent lower = one(line.replace("\"Channel\":\"Security\"", "\"Channel\":\"security\""));
        assertEquals("security", lower.channel());
        assertEquals("security", lower.field("Channel"));
    }

    @Test
    void processIdOfSecurity5156IsTheEventsOwnField() throws IOException {
        List<String> psh = lines(PSH);
        RawEvent wfp = one(psh.get(27)); // Security 5156, "ProcessID":"3428"
        assertEquals(5156, wfp.eventId());
        assertEquals("3428", wfp.field("ProcessID"));
        assertNull(wfp.field("Execution_ProcessID"));
        RawEvent exit = one(psh.get(0)); // Security 4689, "ProcessId":"0x12d8"
        assertEquals("0x12d8", exit.field("ProcessId"));
        assertNull(exit.field("ProcessID"));
    }

    @Test
    void inTheCampaignEveryProcessIdUpperIsA5156FieldAndNothingIsTakenForTheProvidersPid() throws IOException {
        CollectingSink sink = read(lines(CAMPAIGN));
        assertEquals(53698, sink.events.size());
        List<RawEvent> withUpper = sink.events.stream().filter(e -> e.field("ProcessID") != null).toList();
        assertEquals(177, withUpper.size());
        assertTrue(withUpper.stream().allMatch(e -> e.eventId() == 5156 && e.channel().equals("Security")));
        assertEquals(0, sink.events.stream().filter(e -> e.field("Execution_ProcessID") != null).count());
        assertEquals(19154, sink.events.stream().filter(e -> e.field("ProcessId") != null).count());
    }

    @Test
    void processIdBesideThreadIdIsTheProvidersAndBothAreKept() throws IOException {
        String sysmon1 = lines(PSH).get(106); // Sysmon 1 of rundll32, "ProcessId":"4824"
        assertTrue(sysmon1.contains("\"ProcessId\":\"4824\""));
        // an NXLog export writes the Execution element as ProcessID + ThreadID beside the event's fields
        RawEvent e = one(sysmon1.replace("{\"Company\"", "{\"ProcessID\":\"2012\",\"ThreadID\":\"3044\",\"Company\""));
        assertEquals("2012", e.field("Execution_ProcessID"));
        assertEquals("3044", e.field("Execution_ThreadID"));
        assertEquals("4824", e.field("ProcessId"));
        assertNull(e.field("ProcessID"));
    }

    @Test
    void guidsKeptAsSpelledAndHeaderKeysRenamed() throws IOException {
        RawEvent e = one(lines(PSH).get(106));
        assertEquals("{39e4a257-d4ad-5f8c-3303-000000000700}", e.field("ProcessGuid"));
        assertEquals("WORKSTATION5", e.computer());
        assertEquals("WORKSTATION5", e.field("Computer"));
        assertEquals("Microsoft-Windows-Sysmon", e.provider());
        assertEquals("Microsoft-Windows-Sysmon", e.field("Provider_Name"));
        assertFalse(e.fields().containsKey("Hostname"));
        assertFalse(e.fields().containsKey("SourceName"));
        RawEvent p = one(lines(PURPLE).get(164));
        assertEquals("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", p.field("Provider_Guid"));
        assertEquals("4", p.field("Level"));
        assertEquals("0x8000000000000000", p.field("Keywords"));
        assertEquals("2020-10-23T03:12:04.351Z", p.field("@timestamp"));
    }

    @Test
    void timeFormsOfTheExports() throws IOException {
        RawEvent spaced = one(lines(PSH).get(0)); // "TimeCreated":"2020-10-18 07:50:06.220"
        assertEquals(Instant.parse("2020-10-18T07:50:06.220Z"), spaced.time());
        assertEquals("2020-10-18T07:50:06.2200000Z", spaced.field("TimeCreated"));
        String line = lines(PURPLE).get(164); // "TimeCreated":"2020-10-23T03:12:04.351Z"
        assertEquals(Instant.parse("2020-10-23T03:12:04.351Z"), one(line).time());
        RawEvent onlyStamp = one(line.replace("\"TimeCreated\":\"2020-10-23T03:12:04.351Z\",", ""));
        assertEquals(Instant.parse("2020-10-23T03:12:04.351Z"), onlyStamp.time());
        RawEvent offset = one(line.replace("\"TimeCreated\":\"2020-10-23T03:12:04.351Z\"",
                "\"TimeCreated\":\"2020-10-22T23:12:04.351-04:00\""));
        assertEquals(Instant.parse("2020-10-23T03:12:04.351Z"), offset.time());
    }

    @Test
    void damagedLinesAreRejectedWithTheirNumberAndTheRestIsRead() throws IOException {
        List<String> lines = new ArrayList<>(lines(PSH));
        assertEquals(184, lines.size());
        lines.set(49, lines.get(49).substring(0, lines.get(49).length() / 2)); // line 50 truncated
        lines.add(100, "\u0000\u0001 garbage, not JSON"); // becomes line 101
        lines.add(150, "{\"Channel\":\"Security\",\"TimeCreated\":\"2020-10-18 07:50:06.220\"}"); // line 151: no EventID
        lines.add(160, "[1,2,3]"); // line 161: JSON, but not an object
        CollectingSink sink = read(lines);
        assertEquals(183, sink.events.size());
        assertEquals(List.of(50L, 101L, 151L, 161L), sink.rejections.stream().map(r -> r.offset()).toList());
        assertTrue(sink.rejections.stream().allMatch(r -> r.records() == 1));
        assertTrue(sink.rejections.get(0).reason().startsWith("line 50 is not valid JSON"), sink.rejections.get(0).reason());
        assertEquals("line 151: no EventID", sink.rejections.get(2).reason());
        // the event after the garbage line is the original line 101, now at line 102
        RawEvent after = sink.events.stream().filter(e -> e.recordId() == 102).findFirst().orElseThrow();
        assertEquals(one(lines(PSH).get(100)).fields(), after.fields());
    }

    @Test
    void unreadableTimeIsRejected() throws IOException {
        String line = lines(PSH).get(0).replace("2020-10-18 07:50:06.220", "yesterday");
        CollectingSink sink = read(List.of(line));
        assertEquals(0, sink.events.size());
        assertEquals("line 1: unreadable time 'yesterday'", sink.rejections.get(0).reason());
    }

    @Test
    void overLongLinesAreRejectedUnreadAndCrlfAndAMissingLastNewlineAreFine() throws IOException {
        List<String> lines = lines(PSH);
        int limit = 2000;
        List<Long> longOnes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > limit) {
                longOnes.add(i + 1L);
            }
        }
        assertTrue(longOnes.size() > 10 && longOnes.size() < 150, "lines over the limit: " + longOnes.size());
        String text = String.join("\r\n", lines); // CRLF, and no line break after the last line
        CollectingSink sink = new CollectingSink();
        new JsonLinesReader(limit).read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t", "h", sink);
        assertEquals(184 - longOnes.size(), sink.events.size());
        assertEquals(longOnes, sink.rejections.stream().map(r -> r.offset()).toList());
        assertEquals("line " + longOnes.get(0) + " is longer than 2000 characters: not read", sink.rejections.get(0).reason());
        RawEvent last = sink.events.get(sink.events.size() - 1);
        if (!longOnes.contains(184L)) {
            assertEquals(184, last.recordId());
            assertEquals(one(lines.get(183)).fields(), last.fields());
        }
    }

    @Test
    void utf16WithBomAsWindowsPowerShellWritesItReadsLikeUtf8() throws IOException {
        List<String> lines = lines(PURPLE);
        String text = "\uFEFF" + String.join("\r\n", lines) + "\r\n";
        CollectingSink utf16 = new CollectingSink();
        new JsonLinesReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_16LE)), "t", "h", utf16);
        CollectingSink utf8 = read(lines);
        assertEquals(692, utf16.events.size());
        assertEquals(List.of(), utf16.rejections);
        for (int i = 0; i < 692; i += 97) {
            assertEquals(utf8.events.get(i).fields(), utf16.events.get(i).fields());
        }
        assertEquals("Microsoft® Windows® Operating System", utf16.events.stream()
                .map(e -> e.field("Product")).filter(p -> p != null && p.startsWith("Microsoft")).findFirst().orElseThrow());
    }
}
