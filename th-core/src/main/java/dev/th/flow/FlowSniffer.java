package dev.th.flow;

import dev.th.ingest.Format;
import java.nio.charset.StandardCharsets;

/**
 * Tells network logs from their first bytes: Zeek's TSV header ({@code #separator} ...,
 * {@code #path} naming the log), a JSON line with Zeek's field names ({@code "id.orig_h"}), or a
 * JSON line of an ECS flow (source and destination with byte counts, no Windows event keys).
 */
public final class FlowSniffer {

    /** A network format, or why the content is a network log TH does not read. */
    public record Found(Format format, String unknownReason) {
    }

    private FlowSniffer() {
    }

    /**
     * @param b the content's first bytes
     * @param n how many of them there are
     * @param i where the content starts (after a BOM and blanks)
     * @return null when the content is no network log
     */
    public static Found sniff(byte[] b, int n, int i) {
        if (i >= n) {
            return null;
        }
        String head = new String(b, i, n - i, StandardCharsets.UTF_8);
        if (head.startsWith("#separator")) {
            String log = pathOf(head);
            if (log != null && !ZeekRecords.LOGS.contains(log)) {
                return new Found(null, "a Zeek " + log + " log: TH reads Zeek's conn, dns, http and ssl logs");
            }
            return new Found(Format.ZEEK_TSV, null);
        }
        if (b[i] != '{') {
            return null;
        }
        int eol = head.indexOf('\n');
        String first = eol < 0 ? head : head.substring(0, eol);
        if (first.contains("\"id.orig_h\"") || first.contains("\"orig_h\"") && first.contains("\"uid\"")) {
            return new Found(Format.ZEEK_JSON, null);
        }
        boolean ends = (first.contains("\"source.ip\"") || first.contains("\"source\":") || first.contains("\"source\" :"))
                && (first.contains("\"destination.ip\"") || first.contains("\"destination\""));
        boolean bytes = first.contains("\"source.bytes\"") || first.contains("\"bytes\"")
                || first.contains("\"network.transport\"") || first.contains("\"transport\"");
        boolean windows = first.contains("\"winlog") || first.contains("\"EventID\"") || first.contains("\"Channel\"")
                || first.contains("\"Event\"");
        return ends && bytes && !windows ? new Found(Format.ECS_FLOW_JSON, null) : null;
    }

    private static String pathOf(String head) {
        for (String line : head.split("\n")) {
            if (line.startsWith("#path")) {
                return line.substring("#path".length()).strip();
            }
        }
        return null;
    }
}
