package dev.th.event;

import java.time.Instant;
import java.util.Map;

/**
 * One event as read from a source, before normalization: the System header fields TH needs
 * typed, and every field of the event (System and EventData/UserData) flat in {@code fields}.
 *
 * <p>{@code fields} keeps the original names: System fields as {@code Provider_Name},
 * {@code EventID}, {@code Channel}, {@code Computer}, {@code Level}, {@code Task},
 * {@code Keywords}, {@code EventRecordID}, {@code Execution_ProcessID}, {@code Security_UserID},
 * ...; EventData fields by their {@code Name}; UserData leaves by their element name. Values are
 * text exactly as the source renders them (numbers in decimal, GUIDs and SIDs in their usual
 * string form). Nothing of the original event is dropped.
 *
 * @param source where the event came from (file and position), for error reports and eventRef
 * @param recordId the record's identity inside its source: the EVTX EventRecordID, or the line
 *     / element number of a JSON source; together with {@code source.contentHash()} it identifies
 *     the record across ingests
 * @param time TimeCreated (UTC)
 * @param provider Provider Name
 * @param channel the channel, spelled as in the event
 * @param eventId EventID
 * @param computer Computer (the machine name as the event spells it)
 * @param fields every field of the event, in document order
 * @param flags {@link #RECOVERED} and {@link #TEMPLATE_LOST}, or 0 for a live record
 */
public record RawEvent(
        SourceRef source,
        long recordId,
        Instant time,
        String provider,
        String channel,
        int eventId,
        String computer,
        Map<String, String> fields,
        int flags) {

    /**
     * Carved from outside a chunk's live region (its slack space, or any file {@code th carve}
     * scans): an older record that survived, not one the log still holds.
     */
    public static final int RECOVERED = 1;
    /**
     * A recovered record whose template's bytes were since reused: only its substitution values
     * are known, as {@code Substitution_0, Substitution_1, ...}.
     */
    public static final int TEMPLATE_LOST = 2;

    /** A live record (no flags). */
    public RawEvent(SourceRef source, long recordId, Instant time, String provider, String channel, int eventId,
            String computer, Map<String, String> fields) {
        this(source, recordId, time, provider, channel, eventId, computer, fields, 0);
    }

    /** True for a record carved from outside a live region. */
    public boolean recovered() {
        return (flags & RECOVERED) != 0;
    }

    /** True for a recovered record whose template was lost. */
    public boolean templateLost() {
        return (flags & TEMPLATE_LOST) != 0;
    }

    /** A field's value, or null. */
    public String field(String name) {
        return fields.get(name);
    }
}
