package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Windows event XML found from the content, in each encoding Windows writes it in. */
class ContentSniffer_XmlTest {
    private static ContentSniffer.Kind sniff(byte[] b) {
        return ContentSniffer.sniff(b, b.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>\r\n<Event xmlns=",
        "\r\n<!-- exported --><Events><Event>",
        "<Event>"})
    void windowsEventXmlInEveryEncoding(String head) {
        assertEquals(Format.WINDOWS_XML, sniff(head.getBytes(StandardCharsets.UTF_8)).format());
        byte[] le = head.getBytes(StandardCharsets.UTF_16LE);
        assertEquals(Format.WINDOWS_XML, sniff(le).format(), "UTF-16LE without BOM");
        byte[] bom = new byte[le.length + 2];
        bom[0] = (byte) 0xFF;
        bom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, bom, 2, le.length);
        assertEquals(Format.WINDOWS_XML, sniff(bom).format(), "UTF-16LE with BOM");
        byte[] utf8bom = ("\uFEFF" + head).getBytes(StandardCharsets.UTF_8);
        assertEquals(Format.WINDOWS_XML, sniff(utf8bom).format(), "UTF-8 with BOM");
    }

    @Test
    void otherXmlIsNamedAndRefused() {
        ContentSniffer.Kind k = sniff("<?xml version='1.0'?><EventLog><Entry/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(null, k.format());
        assertEquals("XML that is not a Windows event export (it starts with \"<EventLog><Entry\"; TH reads <Event>"
                + " elements, bare or inside <Events>)", k.unknownReason());
    }
}
