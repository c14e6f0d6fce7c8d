package dev.th.json;

import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.time.Instant;
import java.util.Map;

/**
 * Makes a {@link RawEvent} of fields flattened to the EVTX reader's names: the EventID as a
 * number, {@code TimeCreated} parsed (any form {@link JsonTime} reads) and written back as
 * ISO-8601 UTC with seven fraction digits, Provider, Channel and Computer copied.
 */
public final class SystemFields {
    private SystemFields() {
    }

    /**
     * The event of {@code f}.
     *
     * @throws IllegalArgumentException saying what is missing or unreadable (EventID, TimeCreated)
     */
    public static RawEvent toEvent(Map<String, String> f, SourceRef ref, long recordId) {
        String eventIdText = f.get("EventID");
        if (eventIdText == null || eventIdText.isBlank()) {
            throw new IllegalArgumentException("no EventID in System");
        }
        int eventId;
        try {
            eventId = Integer.parseInt(eventIdText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EventID '" + eventIdText + "' is not a number");
        }
        String timeText = f.get("TimeCreated");
        if (timeText == null || timeText.isBlank()) {
            throw new IllegalArgumentException("no TimeCreated SystemTime in System");
        }
        Instant time = JsonTime.parse(timeText);
        f.put("TimeCreated", JsonTime.format(time));
        return new RawEvent(ref, recordId, time, orEmpty(f.get("Provider_Name")), orEmpty(f.get("Channel")), eventId,
                orEmpty(f.get("Computer")), f);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
