package dev.th.evtx;

import static dev.th.evtx.BinXmlWriter.binXml;
import static dev.th.evtx.BinXmlWriter.string;
import static dev.th.evtx.BinXmlWriter.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The value types and tokens the real files in ../shared/data do not use (they hold only strings,
 * 8/16/32/64-bit unsigned integers, GUID, FILETIME, SID, hex32 and hex64): each written as the
 * format documentation lays it out, with the text expected worked out by hand.
 */
class BinXmlDecoder_ValueTypesTest {

    private record Case(String name, BinXmlWriter.Value value, String expected) {
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static final List<Case> CASES = List.of(
            new Case("I8", value(0x03, -5, 1), "-5"),
            new Case("U8", value(0x04, 200, 1), "200"),
            new Case("I16", value(0x05, -300, 2), "-300"),
            new Case("U16", value(0x06, 60000, 2), "60000"),
            new Case("I32", value(0x07, -70000, 4), "-70000"),
            new Case("U32", value(0x08, 4_000_000_000L, 4), "4000000000"),
            new Case("I64", value(0x09, -5_000_000_000_000L, 8), "-5000000000000"),
            new Case("U64", value(0x0a, -1, 8), "18446744073709551615"),
            new Case("F32", value(0x0b, Float.floatToIntBits(1.5f), 4), "1.5"),
            new Case("F64", value(0x0c, Double.doubleToLongBits(-2.25), 8), "-2.25"),
            new Case("Bool", value(0x0d, 1, 4), "true"),
            new Case("BoolFalse", value(0x0d, 0, 4), "false"),
            new Case("Binary", value(0x0e, bytes(0xde, 0xad, 0x01)), "DEAD01"),
            new Case("Guid", value(0x0f, bytes(0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff)), "{00112233-4455-6677-8899-aabbccddeeff}"),
            new Case("SizeT", value(0x10, 0x1000, 8), "0x1000"),
            new Case("FileTime", value(0x11, 132_000_000_000_000_000L, 8), "2019-04-17T18:40:00.0000000Z"),
            new Case("SysTime", value(0x12, bytes(0xe4, 0x07, 3, 0, 2, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0x7a, 0x03)),
                    "2020-03-04T05:06:07.890Z"),
            new Case("Sid", value(0x13, bytes(1, 4, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0)),
                    "S-1-5-21-1-2-3"),
            new Case("Hex32", value(0x14, 0x3e7, 4), "0x3e7"),
            new Case("Hex64", value(0x15, 0x8000000000000000L, 8), "0x8000000000000000"),
            new Case("Ansi", value(0x02, bytes('a', 'b', 'c', 0)), "abc"),
            new Case("Unicode", string("héllo wörld ✓"), "héllo wörld ✓"),
            new Case("StringArray", value(0x81, bytes('a', 0, 0, 0, 'b', 0, 0, 0)), "a, b"),
            new Case("U16Array", value(0x86, bytes(1, 0, 2, 0)), "1, 2"),
            new Case("Hex64Array", value(0x95, bytes(1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0)), "0x1, 0xff"),
            new Case("Empty", value(0x00, new byte[0]), ""));

    private static Map<String, String> decode(BinXmlWriter w, int start) {
        ValueText values = new ValueText();
        BinXmlDecoder decoder = new BinXmlDecoder(values);
        RecordFlattener flat = new RecordFlattener(values);
        decoder.beginChunk(w.b.array(), EvtxLayout.CHUNK_SIZE);
        flat.begin();
        decoder.decodeRecord(start, w.pos(), flat);
        return new LinkedHashMap<>(flat.fields());
    }

    /** An event: System with typed values, EventData with one Data per case, UserData as nested binary XML. */
    private static BinXmlWriter event() {
        BinXmlWriter w = new BinXmlWriter(600);
        List<BinXmlWriter.Value> values = new ArrayList<>();
        values.add(value(0x0f, bytes(0x5f, 0x38, 0x70, 0x57, 0x2a, 0xc2, 0xe0, 0x43, 0xbf, 0x4c, 0x06, 0xf5, 0x69, 0x8f, 0xfb, 0xd9)));
        values.add(value(0x06, 16384, 2));
        values.add(value(0x06, 7036, 2));
        values.add(value(0x11, 132_000_000_000_000_000L, 8));
        values.add(value(0x00, new byte[0]));
        int first = values.size();
        CASES.forEach(c -> values.add(c.value()));
        int nested = values.size();
        values.add(binXml(n -> n.fragmentHeader()
                .open("LogFileCleared", true, false).attribute("xmlns").text("urn:x").closeStart()
                .open("SubjectUserName", false, false).closeStart().text("bob").end()
                .open("Inner", false, false).closeStart()
                .open("SubjectUserName", false, false).closeStart().text("alice").end()
                .end().end().eof()));
        values.add(binXml(n -> n.fragmentHeader()
                .template(() -> n.fragmentHeader().open("Bar", false).closeStart().subst(0, 0x01, false).end().eof(),
                        BinXmlWriter.values(string("baz")))
                .eof()));
        values.add(binXml(n -> n.open("Foo", false, true).closeStart().text("bar").end().eof()));
        w.fragmentHeader().template(() -> {
            w.fragmentHeader().open("Event", true).attribute("xmlns").text("http://schemas.microsoft.com/win/2004/08/events/event").closeStart();
            w.open("System", false).closeStart();
            w.open("Provider", true).attribute("Name").text("P").attribute("Guid").subst(0, 0x0f, false).closeEmpty();
            w.open("EventID", true).attribute("Qualifiers").subst(1, 0x06, false).closeStart().subst(2, 0x06, false).end();
            w.open("TimeCreated", true).attribute("SystemTime").subst(3, 0x11, false).closeEmpty();
            w.open("Correlation", true).attribute("ActivityID").subst(4, 0x0f, true).closeEmpty();
            w.open("Channel", false).closeStart().text("Ch").end();
            w.end();
            w.open("EventData", false).closeStart();
            for (int i = 0; i < CASES.size(); i++) {
                w.open("Data", true).attribute("Name").text(CASES.get(i).name()).closeStart()
                        .subst(first + i, CASES.get(i).value().type(), true).end();
            }
            w.open("Data", false).closeStart().text("x").end();
            w.open("Data", false).closeStart().text("y").end();
            w.open("Data", true).attribute("Name").text("Mixed").closeStart()
                    .text("a").charRef('<').entityRef("amp").entityRef("quot").cdata("c").pi("php", "ignored").end();
            w.open("Data", true).attribute("Name").text("Xml").closeStart().subst(nested + 2, 0x21, false).end();
            w.open("Data", true).attribute("Name").text("Tpl").closeStart().subst(nested + 1, 0x21, false).end();
            w.end();
            w.open("UserData", false).closeStart().subst(nested, 0x21, false).end();
            w.end().eof();
        }, values);
        w.eof();
        return w;
    }

    @Test
    void everyValueTypeRendersAsDocumented() {
        Map<String, String> f = decode(event(), 600);
        for (Case c : CASES) {
            assertEquals(c.expected(), f.get(c.name()), c.name());
        }
    }

    @Test
    void systemAttributesAndQualifiersAreFlattened() {
        Map<String, String> f = decode(event(), 600);
        assertEquals("P", f.get("Provider_Name"));
        assertEquals("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}", f.get("Provider_Guid"));
        assertEquals("7036", f.get("EventID"));
        assertEquals("16384", f.get("EventID_Qualifiers"));
        assertEquals("2019-04-17T18:40:00.0000000Z", f.get("TimeCreated"));
        assertEquals("Ch", f.get("Channel"));
        assertFalse(f.containsKey("Correlation_ActivityID"), "an optional substitution without value omits the attribute");
        assertFalse(f.containsKey("xmlns"));
    }

    @Test
    void unnamedDataIsNumberedAndReferencesAreResolved() {
        Map<String, String> f = decode(event(), 600);
        assertEquals("x", f.get("Data"));
        assertEquals("y", f.get("Data_1"));
        assertEquals("a<&\"c", f.get("Mixed"));
    }

    @Test
    void nestedBinaryXmlWithAndWithoutDependencyIdsAndWithTemplates() {
        Map<String, String> f = decode(event(), 600);
        assertEquals("bob", f.get("SubjectUserName"));
        assertEquals("alice", f.get("Inner_SubjectUserName"), "a clashing leaf is prefixed with its parent");
        assertEquals("bar", f.get("Foo"));
        assertEquals("baz", f.get("Bar"));
        assertTrue(f.keySet().stream().noneMatch(k -> k.contains("xmlns")), f.keySet().toString());
    }

    @Test
    void anUnknownValueTypeIsADecodeErrorNamingIt() {
        BinXmlWriter w = new BinXmlWriter(600);
        w.fragmentHeader().template(() -> w.fragmentHeader().open("Event", false).closeStart()
                .subst(0, 0x1f, false).end().eof(), BinXmlWriter.values(value(0x1f, 1, 4))).eof();
        DecodeException e = assertThrows(DecodeException.class, () -> decode(w, 600));
        assertTrue(e.getMessage().contains("unknown value type 0x1f"), e.getMessage());
    }
}
