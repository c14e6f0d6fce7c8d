package dev.th.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The XML reader on hand-written exports: names, forms, encodings and damage. */
class WindowsXmlReaderTest {
    private static final String NS = "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'";

    /** A Security 4624 as wevtutil writes it (values of a real one, shortened). */
    private static String event(long recordId, String computer) {
        return "<Event " + NS + "><System><Provider Name='Microsoft-Windows-Security-Auditing'"
                + " Guid='{54849625-5478-4994-A5BA-3E3B0328C30D}'/><EventID>4624</EventID><Version>2</Version>"
                + "<Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
                + "<TimeCreated SystemTime='2021-11-13T14:30:53.638285300Z'/><EventRecordID>" + recordId
                + "</EventRecordID><Correlation ActivityID='{9A5A5E3C-D88D-0002-8B5E-5A9A8DD8D701}'/>"
                + "<Execution ProcessID='632' ThreadID='2200'/><Channel>Security</Channel><Computer>" + computer
                + "</Computer><Security/></System><EventData><Data Name='SubjectUserSid'>S-1-5-18</Data>"
                + "<Data Name='TargetUserName'>hack1</Data><Data Name='LogonType'>2</Data>"
                + "<Data Name='IpAddress'>127.0.0.1</Data><Data Name='Empty'/></EventData></Event>";
    }

    private static final class Sink implements EventSink {
        final List<RawEvent> events = new ArrayList<>();
        final List<String> rejects = new ArrayList<>();

        @Override
        public void accept(RawEvent e) {
            events.add(e);
        }

        @Override
        public void reject(long offset, long records, String reason) {
            rejects.add(offset + "/" + records + ": " + reason);
        }
    }

    private static Sink read(byte[] content) throws IOException {
        Sink s = new Sink();
        new WindowsXmlReader().read(new ByteArrayInputStream(content), "t.xml", "h", s);
        return s;
    }

    @Test
    void flattensAsTheEvtxReaderNamesFields() throws IOException {
        Sink s = read(event(469346, "FS03.offsec.lan").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), s.rejects);
        RawEvent e = s.events.get(0);
        assertEquals(469346, e.recordId());
        assertEquals(4624, e.eventId());
        assertEquals("Security", e.channel());
        assertEquals("FS03.offsec.lan", e.computer());
        assertEquals("Microsoft-Windows-Security-Auditing", e.provider());
        assertEquals(Instant.parse("2021-11-13T14:30:53.6382853Z"), e.time());
        assertEquals("2021-11-13T14:30:53.6382853Z", e.field("TimeCreated"));
        assertEquals("{54849625-5478-4994-a5ba-3e3b0328c30d}", e.field("Provider_Guid")); // as the EVTX reader writes GUIDs
        assertEquals("632", e.field("Execution_ProcessID"));
        assertEquals("{9a5a5e3c-d88d-0002-8b5e-5a9a8dd8d701}", e.field("Correlation_ActivityID"));
        assertEquals("", e.field("Security"));
        assertEquals("hack1", e.field("TargetUserName"));
        assertEquals("", e.field("Empty"));
        assertEquals(List.of("Provider_Name", "Provider_Guid", "EventID", "Version", "Level", "Task", "Opcode", "Keywords",
                "TimeCreated", "EventRecordID", "Correlation_ActivityID", "Execution_ProcessID", "Execution_ThreadID",
                "Channel", "Computer", "Security", "SubjectUserSid", "TargetUserName", "LogonType", "IpAddress", "Empty"),
                List.copyOf(e.fields().keySet()));
    }

    @Test
    void bareWrappedIndentedAndUtf16AllRead() throws IOException {
        String bare = event(1, "A") + event(2, "B") + event(3, "C");
        String wrapped = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>\r\n" + event(1, "A") + "\r\n"
                + event(2, "B") + "\r\n" + event(3, "C") + "\r\n</Events>";
        String indented = bare.replace("><", ">\r\n  <");
        List<byte[]> forms = List.of(bare.getBytes(StandardCharsets.UTF_8), utf16(wrapped, true), utf16(bare, false),
                indented.getBytes(StandardCharsets.UTF_8), ("\uFEFF" + wrapped.replace("UTF-16", "UTF-8")).getBytes(StandardCharsets.UTF_8));
        for (byte[] form : forms) {
            Sink s = read(form);
            assertEquals(List.of(), s.rejects);
            assertEquals(List.of("A", "B", "C"), s.events.stream().map(RawEvent::computer).toList());
            assertEquals("hack1", s.events.get(2).field("TargetUserName"));
            assertEquals(21, s.events.get(1).fields().size(), s.events.get(1).fields().toString());
        }
    }

    private static byte[] utf16(String s, boolean bom) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        if (!bom) {
            return b;
        }
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(b, 0, out, 2, b.length);
        return out;
    }

    @Test
    void anEventWithoutEventIdIsRejectedAndTheNextRead() throws IOException {
        String broken = event(2, "B").replace("<EventID>4624</EventID>", "");
        Sink s = read(("<Events>\n" + event(1, "A") + "\n" + broken + "\n" + event(3, "C") + "\n</Events>")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("A", "C"), s.events.stream().map(RawEvent::computer).toList());
        assertEquals(List.of("3/1: event 2 at line 3: no EventID in System"), s.rejects);
    }

    /**
     * An event nested deeper than the flattener follows (a trigger found by reading the code: it
     * used to end the file there) costs that event only: the events after it are read, also
     * when it sits inside {@code <Events>} and its depth runs past the limit more than once.
     */
    @Test
    void anEventNestedTooDeepIsRejectedAndTheNextRead() throws IOException {
        String deep = "<X>".repeat(80) + "v" + "</X>".repeat(80);
        String broken = event(2, "B").replace("<Data Name='Empty'/>", "<Data Name='Deep'>" + deep + "</Data><Data Name='Empty'/>");
        for (String doc : List.of(event(1, "A") + "\n" + broken + "\n" + event(3, "C"),
                "<Events>\n" + event(1, "A") + "\n" + broken + "\n" + broken + "\n" + event(3, "C") + "\n</Events>")) {
            Sink s = read(doc.getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of("A", "C"), s.events.stream().map(RawEvent::computer).toList(), s.rejects.toString());
            assertEquals("hack1", s.events.get(1).field("TargetUserName"));
            assertEquals(21, s.events.get(1).fields().size(), s.events.get(1).fields().toString());
            assertTrue(s.rejects.size() >= 1 && s.rejects.stream().allMatch(r -> r.matches(
                    "\\d/1: event \\d at line \\d cannot be read: elements nested deeper than 64")), s.rejects.toString());
        }
    }

    /** The guard costs a record for a fault of the reader only: a failure of the sink (the store) reaches the caller. */
    @Test
    void aFailureOfTheSinkStillReachesTheCaller() {
        EventSink failing = new EventSink() {
            @Override
            public void accept(RawEvent e) {
                throw new IllegalStateException("store failed (test)");
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new AssertionError("a sink failure was counted as a rejected record: " + reason);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WindowsXmlReader().read(
                new ByteArrayInputStream((event(1, "A") + event(2, "B")).getBytes(StandardCharsets.UTF_8)), "t.xml", "h", failing));
        assertEquals("store failed (test)", e.getMessage());
    }

    @Test
    void damagedXmlKeepsTheEventsBeforeItAndSaysWhere() throws IOException {
        String cut = event(2, "B").replace("</Computer>", "</Computr>");
        Sink s = read((event(1, "A") + "\n" + cut + "\n" + event(3, "C")).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("A"), s.events.stream().map(RawEvent::computer).toList());
        assertEquals(1, s.rejects.size());
        assertTrue(s.rejects.get(0).startsWith("2/1: event 2 starting at line 2 is damaged at line 2; the rest of the file is not read"),
                s.rejects.get(0));
    }

    @Test
    void otherXmlIsNotAnEventExport() {
        IOException e = assertThrows(IOException.class,
                () -> read("<?xml version='1.0'?><project><modelVersion/></project>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("t.xml: line 1: <project> where Windows event XML has <Event> or <Events>: not a Windows event export",
                e.getMessage());
    }

    @Test
    void externalEntitiesAreNotRead() throws IOException {
        String xxe = "<?xml version='1.0'?><!DOCTYPE Event [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + event(1, "&x;");
        Sink s = read(xxe.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), s.events);
        assertEquals(1, s.rejects.size(), s.rejects.toString());
    }

    @Test
    void renderingInfoOfForwardedEventsIsKept() throws IOException {
        String fwd = event(7, "A").replace("</EventData>", "</EventData><RenderingInfo Culture='en-US'>"
                + "<Message>An account was successfully logged on.</Message><Level>Information</Level><Task>Logon</Task>"
                + "<Opcode>Info</Opcode><Channel>Security</Channel><Provider>Microsoft Windows security auditing.</Provider>"
                + "<Keywords><Keyword>Audit Success</Keyword></Keywords></RenderingInfo>");
        RawEvent e = read(fwd.getBytes(StandardCharsets.UTF_8)).events.get(0);
        assertEquals("An account was successfully logged on.", e.field("Message"));
        assertEquals("Information", e.field("RenderingInfo_Level"));
        assertEquals("Logon", e.field("RenderingInfo_Task"));
        assertEquals("Info", e.field("RenderingInfo_Opcode"));
        assertEquals("Audit Success", e.field("RenderingInfo_Keyword")); // as the EVTX reader names it (docs/evtx.md)
        assertEquals("Microsoft Windows security auditing.", e.field("RenderingInfo_Provider"));
        assertEquals("Security", e.field("RenderingInfo_Channel"));
        assertEquals("0", e.field("Level"));
        assertEquals("en-US", e.field("RenderingInfo_Culture"));
    }
}
