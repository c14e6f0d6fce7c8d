package dev.th.ingest;

/** The event formats TH reads; {@link Sources} tells them apart by content, not by name. */
public enum Format {
    /** Windows Event Log file ({@code ElfFile\0} magic). */
    EVTX,
    /** One JSON object per line (OTRF Security-Datasets, NXLog, Winlogbeat exports). */
    JSON_LINES,
    /**
     * evtx_dump-style JSON: a sequence of {@code {"Event":{...}}} objects, pretty-printed or not
     * (also any sequence of pretty-printed event objects).
     */
    EVTX_DUMP_JSON,
    /** A JSON array of event objects. */
    JSON_ARRAY,
    /**
     * Windows' XML rendering of events: {@code wevtutil qe /f:xml} (one {@code <Event>} after
     * another, no root element) or Event Viewer's "Save as XML" (wrapped in {@code <Events>}), in
     * UTF-8 or UTF-16.
     */
    WINDOWS_XML,
    /** Zeek's TSV logs ({@code #fields} header): conn.log flows, dns/http/ssl.log names (dev.th.flow). */
    ZEEK_TSV,
    /** Zeek's JSON logs, one record per line (dev.th.flow). */
    ZEEK_JSON,
    /** Flows with Elastic Common Schema names ({@code source.bytes}, {@code destination.ip}, ...), one per line. */
    ECS_FLOW_JSON;

    /** Whether inputs of this format are network flows and names, stored apart from events. */
    public boolean network() {
        return this == ZEEK_TSV || this == ZEEK_JSON || this == ECS_FLOW_JSON;
    }
}
