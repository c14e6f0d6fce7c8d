package dev.th.ingest;

import dev.th.flow.FlowSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a file's format from its first bytes: EVTX magic, zip magic, or text in UTF-8 or UTF-16
 * (after a BOM, or XML without one): JSON, where an object whose first key is {@code "Event"},
 * or one pretty-printed over several lines, starts a sequence of objects
 * ({@link Format#EVTX_DUMP_JSON}) and an object that goes on on its first line starts JSON
 * lines; or Windows event XML ({@code <Event>} or {@code <Events>} first, {@link Format#WINDOWS_XML}).
 * Zeek logs and ECS flows are told by {@link FlowSniffer}.
 */
final class ContentSniffer {
    static final int PREFIX = 4096;
    private static final byte[] EVTX_MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    /** What the content is: exactly one of format, zip, or a reason it is neither. */
    record Kind(Format format, boolean zip, String unknownReason) {
        static Kind of(Format f) {
            return new Kind(f, false, null);
        }

        static Kind unknown(String reason) {
            return new Kind(null, false, reason);
        }
    }

    private ContentSniffer() {
    }

    static Kind sniff(Path file) throws IOException {
        byte[] head = new byte[PREFIX];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, PREFIX);
        }
        return sniff(head, n);
    }

    static Kind sniff(byte[] b, int n) {
        if (n == 0) {
            return Kind.unknown("empty file");
        }
        if (startsWith(b, n, 0, EVTX_MAGIC)) {
            return Kind.of(Format.EVTX);
        }
        if (n >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 && b[3] == 4 || b[2] == 5 && b[3] == 6)) {
            return new Kind(null, true, null);
        }
        if (n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return Kind.unknown("gzip-compressed: unpack it first (TH reads EVTX, JSON, Windows event XML and zip)");
        }
        boolean bom16 = n >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF);
        boolean bare16 = n >= 4 && (b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0 || b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0);
        if (bom16 || bare16) {
            boolean le = bom16 ? (b[0] & 0xff) == 0xFF : b[1] == 0;
            int from = bom16 ? 2 : 0;
            byte[] utf8 = new String(b, from, (n - from) & ~1, le ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE)
                    .getBytes(StandardCharsets.UTF_8);
            Kind text = sniff(utf8, utf8.length);
            if (bom16) {
                return text.zip() || text.format() == Format.EVTX ? Kind.unknown("UTF-16 text that is not JSON or XML") : text;
            }
            if (text.format() == Format.WINDOWS_XML) {
                return text; // XML tells its encoding by itself; JSON in UTF-16 needs its BOM here
            }
        }
        int i = startsWith(b, n, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        i = skipBlank(b, n, i);
        i = skipRecordHeader(b, n, i);
        FlowSniffer.Found net = FlowSniffer.sniff(b, n, i);
        if (net != null) {
            return net.format() != null ? Kind.of(net.format()) : Kind.unknown(net.unknownReason());
        }
        if (i < n && b[i] == '{') {
            int k = skipBlank(b, n, i + 1);
            boolean event = startsWith(b, n, k, "\"Event\"".getBytes(StandardCharsets.US_ASCII));
            boolean pretty = lineEndsBefore(b, n, i + 1, k);
            return Kind.of(event || pretty ? Format.EVTX_DUMP_JSON : Format.JSON_LINES);
        }
        if (i < n && b[i] == '[') {
            int k = skipBlank(b, n, i + 1);
            if (k < n && (b[k] == '{' || b[k] == ']')) {
                return Kind.of(Format.JSON_ARRAY);
            }
            return Kind.unknown("a JSON array whose first element is not an object: TH reads arrays of events");
        }
        if (i < n && b[i] == '<') {
            return windowsXml(b, n, i);
        }
        if (i >= n) {
            return Kind.unknown("only blank characters in the first " + n + " bytes");
        }
        return Kind.unknown("not EVTX, JSON, Windows event XML or zip (it starts with " + preview(b, i, n) + ")");
    }

    /**
     * Windows event XML: {@code <Event} or {@code <Events} first, after an optional XML
     * declaration and comments.
     */
    private static Kind windowsXml(byte[] b, int n, int i) {
        while (i < n) {
            if (startsWith(b, n, i, "<?".getBytes(StandardCharsets.US_ASCII))) {
                i = after(b, n, i, "?>");
            } else if (startsWith(b, n, i, "<!--".getBytes(StandardCharsets.US_ASCII))) {
                i = after(b, n, i, "-->");
            } else {
                break;
            }
            i = skipBlank(b, n, i);
        }
        if (startsWith(b, n, i, "<Event".getBytes(StandardCharsets.US_ASCII))) {
            int k = i + "<Event".length();
            if (k < n && (b[k] == 's' || b[k] == '>' || b[k] == ' ' || b[k] == '\t' || b[k] == '\r' || b[k] == '\n')) {
                return Kind.of(Format.WINDOWS_XML);
            }
        }
        if (i >= n) {
            return Kind.unknown("XML whose first element does not start in the first " + n + " bytes");
        }
        return Kind.unknown("XML that is not a Windows event export (it starts with " + preview(b, i, n)
                + "; TH reads <Event> elements, bare or inside <Events>)");
    }

    /** The index after {@code end} found from {@code from}, or n. */
    private static int after(byte[] b, int n, int from, String end) {
        byte[] e = end.getBytes(StandardCharsets.US_ASCII);
        for (int j = from; j + e.length <= n; j++) {
            if (startsWith(b, n, j, e)) {
                return j + e.length;
            }
        }
        return n;
    }

    /** evtx_dump can print a {@code Record N} line before each object. */
    private static int skipRecordHeader(byte[] b, int n, int i) {
        byte[] rec = "Record ".getBytes(StandardCharsets.US_ASCII);
        if (!startsWith(b, n, i, rec)) {
            return i;
        }
        int k = i + rec.length;
        int digits = k;
        while (k < n && b[k] >= '0' && b[k] <= '9') {
            k++;
        }
        return k > digits ? skipBlank(b, n, k) : i;
    }

    /** Whether a line break lies between {@code from} and {@code to}: the object is pretty-printed. */
    private static boolean lineEndsBefore(byte[] b, int n, int from, int to) {
        for (int j = from; j < Math.min(n, to); j++) {
            if (b[j] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static int skipBlank(byte[] b, int n, int i) {
        while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int n, int at, byte[] prefix) {
        if (at + prefix.length > n) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (b[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    private static String preview(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder("\"");
        for (int j = from; j < Math.min(n, from + 16); j++) {
            int c = b[j] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}
