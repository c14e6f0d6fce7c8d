package dev.th.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.GuardedSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads one JSON object per line: flat exports such as the OTRF Security-Datasets (NXLog-like
 * keys: {@code EventID}, {@code Channel}, {@code Hostname}, {@code SourceName},
 * {@code TimeCreated}/{@code @timestamp}) and Winlogbeat documents ({@code winlog.*}, nested or
 * with dotted keys, bare or as Elasticsearch hits under {@code _source}). Header keys are renamed to the EVTX reader's names (see
 * {@link JsonLinesKeys}); every other key is kept, nested objects flattened with {@code _}
 * (Winlogbeat's {@code winlog.event_data.*} and {@code winlog.user_data.*} by leaf name).
 *
 * <p>{@code recordId} and the SourceRef offset are the line number (1-based): EventRecordID, kept
 * as a field, repeats across the channels an export mixes. A line that is not a JSON object,
 * or lacks a numeric EventID or a readable time, is rejected with its line number; reading goes
 * on. Blank lines are not records and are passed over. A line holding an evtx_dump object
 * ({@code {"Event":{...}}}) is mapped as {@link EvtxDumpJsonReader} maps it, one of
 * {@code Get-WinEvent | ConvertTo-Json -Compress} as {@link GetWinEventMapper} maps it.
 */
public final class JsonLinesReader implements EventReader {
    private static final ObjectReader JSON = new ObjectMapper().reader();

    private final int maxLineChars;

    /** A reader that keeps lines of up to 16 M characters (longer ones are rejected). */
    public JsonLinesReader() {
        this(BoundedLines.DEFAULT_MAX_CHARS);
    }

    /** A reader that rejects lines longer than {@code maxLineChars}. */
    public JsonLinesReader(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink to) throws IOException {
        GuardedSink sink = new GuardedSink(to);
        BoundedLines lines = new BoundedLines(in, maxLineChars);
        String line;
        while ((line = lines.next()) != null) {
            long lineNo = lines.number();
            if (lines.tooLong()) {
                sink.reject(lineNo, 1, "line " + lineNo + " is longer than " + maxLineChars + " characters: not read");
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                sink.reject(lineNo, 1, "line " + lineNo + " is not valid JSON: " + JsonErrors.describe(e));
                continue;
            }
            if (node == null || !node.isObject()) {
                sink.reject(lineNo, 1, "line " + lineNo + " is not a JSON object");
                continue;
            }
            if (accept(node, new SourceRef(path, contentHash, lineNo), lineNo, sink, lineNo, "line " + lineNo)) {
                String odd = encodingWarning(line);
                if (odd != null) {
                    sink.warn(lineNo, "line " + lineNo + odd);
                }
            }
        }
    }

    /**
     * What a stored line's text held that the store cannot keep as written, or null: bytes that
     * were not UTF-8 (decoded as U+FFFD), or a lone UTF-16 surrogate written as a JSON escape
     * (stored as '?').
     */
    static String encodingWarning(String line) {
        if (line.indexOf('\uFFFD') >= 0) {
            return " holds U+FFFD: bytes that are not UTF-8 (or a U+FFFD of the log) are stored as U+FFFD";
        }
        char pendingHigh = 0;
        int afterPending = -1;
        for (int i = line.indexOf('\\'); i >= 0 && i + 1 < line.length(); i = line.indexOf('\\', i)) {
            char c = line.charAt(i + 1) == 'u' ? hex4(line, i + 2) : 0;
            boolean follows = pendingHigh != 0 && i == afterPending;
            if (pendingHigh != 0 && !(follows && Character.isLowSurrogate(c))) {
                return lone(pendingHigh);
            }
            pendingHigh = 0;
            if (Character.isHighSurrogate(c)) {
                pendingHigh = c;
                afterPending = i + 6;
            } else if (Character.isLowSurrogate(c) && !follows) {
                return lone(c);
            }
            i += c != 0 ? 6 : 2;
        }
        return pendingHigh != 0 ? lone(pendingHigh) : null;
    }

    private static String lone(char c) {
        return String.format(" holds a lone UTF-16 surrogate (\\u%04x): it is stored as '?'", (int) c);
    }

    /** The char of the 4 hex digits at {@code from}, or 0 when there are no 4 hex digits there. */
    private static char hex4(String s, int from) {
        if (from + 4 > s.length()) {
            return 0;
        }
        int v = 0;
        for (int k = from; k < from + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return 0;
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    /**
     * One object, flat/Winlogbeat, evtx_dump or Get-WinEvent shaped; IllegalArgumentException says
     * what is missing. {@code sink} hears warnings about the object (values cut by ConvertTo-Json).
     */
    /**
     * Maps one JSON event ({@link #map}) and passes it to {@code out}; one that cannot be mapped is
     * rejected at {@code offset}, named by {@code where} ("line 12"), also when the mapping fails
     * unexpectedly: a fault of TH's own code costs that record, not the input. A failure of the
     * sink itself (the store) goes to the caller. Returns whether the event was passed on.
     */
    static boolean accept(JsonNode node, SourceRef ref, long recordId, GuardedSink out, long offset, String where) {
        RawEvent event;
        try {
            event = map(node, ref, recordId, out);
        } catch (RuntimeException | StackOverflowError e) {
            if (out.failed()) {
                throw e;
            }
            out.reject(offset, 1, where + (e instanceof IllegalArgumentException ? ": " + e.getMessage()
                    : " cannot be read: unexpected " + e));
            return false;
        }
        out.accept(event);
        return true;
    }

    static RawEvent map(JsonNode obj, SourceRef ref, long recordId, EventSink sink) {
        if (obj.size() == 1 && obj.path("Event").isObject()) {
            return EvtxDumpJsonReader.toEvent(obj, ref, recordId);
        }
        if (GetWinEventMapper.matches(obj)) {
            return GetWinEventMapper.toEvent(obj, ref, recordId, sink);
        }
        return toEvent(obj, ref, recordId);
    }

    /** Maps one line's object to a RawEvent; IllegalArgumentException says what is missing. */
    static RawEvent toEvent(JsonNode obj, SourceRef ref, long lineNo) {
        FieldMap dotted = new FieldMap();
        flatten(obj, "", dotted);
        FieldMap f = JsonLinesKeys.rename(dotted);

        String eventIdText = f.get("EventID");
        if (eventIdText == null || eventIdText.isBlank()) {
            eventIdText = f.get("event_code");
        }
        if (eventIdText == null || eventIdText.isBlank()) {
            throw new IllegalArgumentException("no EventID");
        }
        int eventId;
        try {
            eventId = Integer.parseInt(eventIdText.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EventID '" + eventIdText + "' is not a number");
        }
        f.set("EventID", eventIdText.strip());

        String timeText = firstPresent(f, "TimeCreated", "@timestamp", "EventTime", "timestamp");
        if (timeText == null) {
            throw new IllegalArgumentException("no time (TimeCreated, @timestamp or EventTime)");
        }
        Instant time = JsonTime.parse(timeText);
        f.set("TimeCreated", JsonTime.format(time));

        String channel = f.get("Channel");
        return new RawEvent(ref, lineNo, time, nonNull(f.get("Provider_Name")), nonNull(channel), eventId,
                nonNull(f.get("Computer")), f.map());
    }

    private static String firstPresent(FieldMap f, String... names) {
        for (String n : names) {
            String v = f.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Dotted paths for nested objects; renaming to final names happens in JsonLinesKeys. */
    private static void flatten(JsonNode node, String prefix, FieldMap f) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (prefix.isEmpty() && e.getKey().equals("_source") && v.isObject()) {
                flatten(v, "", f); // an Elasticsearch hit: the document is under _source
            } else if (v.isObject() && v.size() > 0) {
                flatten(v, key, f);
            } else {
                f.add(key, v.isObject() ? "" : FieldMap.text(v));
            }
        }
    }
}
