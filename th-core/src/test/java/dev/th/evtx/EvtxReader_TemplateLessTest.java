package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.th.event.RawEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Records written without templates (a plain element tree: element starts without a dependency
 * id, values as value tokens), as forwarded events and some exporting tools write them, built
 * here token by token; the expected fields are worked out by hand from what was written.
 */
class EvtxReader_TemplateLessTest {
    private static final long FILETIME_2021 = 132_539_328_000_000_000L; // 2021-01-01T00:00:00Z

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    private static byte[] prefixed(byte... raw) {
        byte[] b = new byte[raw.length + 2];
        b[0] = (byte) raw.length;
        System.arraycopy(raw, 0, b, 2, raw.length);
        return b;
    }

    /** {@code <Name>text</Name>}, no attributes, no dependency id. */
    private static void leaf(BinXmlWriter w, String name, String text) {
        w.open(name, false, false).closeStart().text(text).end();
    }

    /** {@code <Name>value</Name>} holding one value token of {@code type}. */
    private static void typed(BinXmlWriter w, String name, int type, byte[] raw) {
        w.open(name, false, false).closeStart().typedValue(type, raw).end();
    }

    private static void data(BinXmlWriter w, String name, String text) {
        w.open("Data", true, false).attribute("Name").text(name).closeStart().text(text).end();
    }

    /** A forwarded Security 4624 without templates: System, EventData, RenderingInfo. */
    private static void forwarded(BinXmlWriter w, long recordId) {
        w.fragmentHeader();
        w.open("Event", true, false).attribute("xmlns").text("http://schemas.microsoft.com/win/2004/08/events/event").closeStart();
        w.open("System", false, false).closeStart();
        w.open("Provider", true, false).attribute("Name").text("Microsoft-Windows-Security-Auditing")
                .attribute("Guid").text("{54849625-5478-4994-a5ba-3e3b0328c30d}").closeEmpty();
        typed(w, "EventID", 0x06, le(4624, 2));
        typed(w, "Level", 0x04, le(0, 1));
        w.open("TimeCreated", true, false).attribute("SystemTime").typedValue(0x11, le(FILETIME_2021, 8)).closeEmpty();
        typed(w, "EventRecordID", 0x0a, le(recordId, 8));
        w.open("Execution", true, false).attribute("ProcessID").typedValue(0x08, le(684, 4))
                .attribute("ThreadID").typedValue(0x08, le(1212, 4)).closeEmpty();
        leaf(w, "Channel", "Security");
        leaf(w, "Computer", "dc01.corp.example");
        w.open("Security", true, false).attribute("UserID")
                .typedValue(0x13, new byte[] {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}).closeEmpty();
        w.end(); // System
        w.open("EventData", false, false).closeStart();
        data(w, "TargetUserName", "alice");
        data(w, "LogonType", "3");
        w.open("Data", false, false).closeStart().text("unnamed one").end();
        w.open("Data", false, false).closeStart().text("unnamed two").end();
        w.end(); // EventData
        w.open("RenderingInfo", true, false).attribute("Culture").text("en-US").closeStart();
        leaf(w, "Message", "An account was successfully logged on.");
        leaf(w, "Level", "Information");
        leaf(w, "Task", "Logon");
        leaf(w, "Opcode", "Info");
        w.open("Keywords", false, false).closeStart();
        leaf(w, "Keyword", "Audit Success");
        w.end();
        w.end(); // RenderingInfo
        w.end().eof(); // Event
    }

    /** Every value type a value token can hold, nested two levels deep in UserData. */
    private static void everyType(BinXmlWriter w) {
        w.fragmentHeader();
        w.open("Event", false, false).closeStart();
        w.open("System", false, false).closeStart();
        w.open("Provider", true, false).attribute("Name").text("Test-Provider").closeEmpty();
        leaf(w, "EventID", "7");
        leaf(w, "Channel", "Test/Operational");
        leaf(w, "Computer", "host2");
        w.end();
        w.open("UserData", false, false).closeStart();
        w.open("Outer", true, false).attribute("Kind").typedValue(0x14, le(0x3e7, 4)).closeStart();
        w.open("Inner", false, false).closeStart();
        typed(w, "I8", 0x03, le(-5, 1));
        typed(w, "I16", 0x05, le(-300, 2));
        typed(w, "I32", 0x07, le(-70000, 4));
        typed(w, "U32", 0x08, le(4_000_000_000L, 4));
        typed(w, "I64", 0x09, le(-5_000_000_000_000L, 8));
        typed(w, "F64", 0x0c, le(Double.doubleToLongBits(-2.25), 8));
        typed(w, "Bool", 0x0d, le(1, 4));
        typed(w, "Binary", 0x0e, prefixed((byte) 0xde, (byte) 0xad, (byte) 0x01));
        typed(w, "Ansi", 0x02, prefixed((byte) 'a', (byte) 'b', (byte) 'c'));
        typed(w, "Guid", 0x0f, new byte[] {0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
                (byte) 0x88, (byte) 0x99, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee, (byte) 0xff});
        typed(w, "SizeT", 0x10, le(0x1000, 8));
        typed(w, "Hex64", 0x15, le(0x8000000000000000L, 8));
        w.open("Empty", false, false).closeEmpty();
        w.end(); // Inner
        w.end(); // Outer
        w.end(); // UserData
        w.end().eof();
    }

    private static EvtxReads.Result readOneChunk(long firstId) throws IOException {
        ChunkImage c = new ChunkImage();
        c.beginRecord(firstId, FILETIME_2021);
        forwarded(c.xml, firstId);
        c.endRecord();
        c.beginRecord(firstId + 1, FILETIME_2021);
        everyType(c.xml);
        c.endRecord();
        return EvtxReads.read(ChunkImage.file(firstId + 2, c.finish()), "templateless.evtx");
    }

    @Test
    void aForwardedEventWithoutTemplatesGivesItsSystemEventDataAndRenderingInfo() throws IOException {
        EvtxReads.Result r = readOneChunk(41);
        assertEquals(List.of(), r.rejects());
        assertEquals(List.of(), r.warnings());
        RawEvent e = r.events().get(0);
        assertEquals(4624, e.eventId());
        assertEquals(41, e.recordId());
        assertEquals("Security", e.channel());
        assertEquals("dc01.corp.example", e.computer());
        assertEquals("Microsoft-Windows-Security-Auditing", e.provider());
        assertEquals(Instant.parse("2021-01-01T00:00:00Z"), e.time());
        Map<String, String> f = e.fields();
        assertEquals("{54849625-5478-4994-a5ba-3e3b0328c30d}", f.get("Provider_Guid"));
        assertEquals("0", f.get("Level"));
        assertEquals("684", f.get("Execution_ProcessID"));
        assertEquals("1212", f.get("Execution_ThreadID"));
        assertEquals("S-1-5-18", f.get("Security_UserID"));
        assertEquals("alice", f.get("TargetUserName"));
        assertEquals("3", f.get("LogonType"));
        assertEquals("unnamed one", f.get("Data"));
        assertEquals("unnamed two", f.get("Data_1"));
        assertEquals("An account was successfully logged on.", f.get("Message"));
        assertEquals("Information", f.get("RenderingInfo_Level"));
        assertEquals("Logon", f.get("RenderingInfo_Task"));
        assertEquals("Info", f.get("RenderingInfo_Opcode"));
        assertEquals("Audit Success", f.get("RenderingInfo_Keyword"));
        assertEquals("en-US", f.get("RenderingInfo_Culture"));
    }

    @Test
    void nestedElementsWithEveryValueTypeAreRenderedAsTheirText() throws IOException {
        EvtxReads.Result r = readOneChunk(1);
        assertEquals(List.of(), r.rejects());
        RawEvent e = r.events().get(1);
        assertEquals(7, e.eventId());
        assertEquals("host2", e.computer());
        assertEquals(Instant.ofEpochSecond(1609459200), e.time()); // no TimeCreated: the record header's time
        Map<String, String> f = e.fields();
        assertEquals("0x3e7", f.get("Outer_Kind"));
        assertEquals("-5", f.get("I8"));
        assertEquals("-300", f.get("I16"));
        assertEquals("-70000", f.get("I32"));
        assertEquals("4000000000", f.get("U32"));
        assertEquals("-5000000000000", f.get("I64"));
        assertEquals("-2.25", f.get("F64"));
        assertEquals("true", f.get("Bool"));
        assertEquals("DEAD01", f.get("Binary"));
        assertEquals("abc", f.get("Ansi"));
        assertEquals("{00112233-4455-6677-8899-aabbccddeeff}", f.get("Guid"));
        assertEquals("0x1000", f.get("SizeT"));
        assertEquals("0x8000000000000000", f.get("Hex64"));
        assertEquals("", f.get("Empty"));
    }
}
