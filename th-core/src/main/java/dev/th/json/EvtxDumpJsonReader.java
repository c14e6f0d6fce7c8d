package dev.th.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.GuardedSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Reads evtx_dump-style JSON: a sequence of {@code {"Event":{"System":{...},"EventData":{...}}}}
 * objects, pretty-printed or one per line, optionally each after a {@code Record N} line. (Any
 * other event object in such a sequence, e.g. a pretty-printed Winlogbeat document, is mapped as
 * {@link JsonLinesReader} maps a line.)
 * System elements are flattened to the EVTX reader's names ({@code Provider_Name},
 * {@code Execution_ProcessID}, {@code Security_UserID}; {@code TimeCreated} from its
 * SystemTime, written back as ISO-8601 UTC); EventData fields by name; UserData leaves by
 * element name; any other part of the event (RenderingInfo ...) as {@code Element_leaf}.
 * Values are kept as written (GUIDs stay upper case without braces).
 *
 * <p>The input is cut into elements at each line that starts with {@code {} in its first
 * column (pretty-printed inner lines are indented), and each element is parsed with Jackson's
 * streaming parser; so memory holds one element, and a damaged element is rejected with its
 * first line number while the next ones are still read; an element (or line) longer than the
 * limit is rejected unread, so memory stays bounded whatever the input. {@code recordId} is the element's
 * number (1-based) in the file; the SourceRef offset is its first line.
 */
public final class EvtxDumpJsonReader implements EventReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern RECORD_LINE = Pattern.compile("Record \\d+\\s*");

    private final int maxElementChars;

    /** A reader that keeps elements of up to 16 M characters (larger ones are rejected). */
    public EvtxDumpJsonReader() {
        this(BoundedLines.DEFAULT_MAX_CHARS);
    }

    /** A reader that rejects elements longer than {@code maxElementChars}. */
    public EvtxDumpJsonReader(int maxElementChars) {
        this.maxElementChars = maxElementChars;
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        BoundedLines lines = new BoundedLines(in, maxElementChars);
        Element element = new Element(path, contentHash, sink, maxElementChars);
        String line;
        while ((line = lines.next()) != null) {
            long lineNo = lines.number();
            if (lines.tooLong()) {
                if (lines.firstChar() == '{' || !element.started()) {
                    element.finish();
                    element.start(lineNo);
                }
                element.overflow();
                continue;
            }
            if (RECORD_LINE.matcher(line).matches()) {
                element.finish();
                continue;
            }
            if (!line.isEmpty() && line.charAt(0) == '{') {
                element.finish();
                element.start(lineNo);
            } else if (!element.started() && !line.isBlank()) {
                element.start(lineNo);
            }
            element.append(line);
        }
        element.finish();
    }

    /** The text of the element being collected, and its parsing. */
    private static final class Element {
        private final String path;
        private final String hash;
        private final GuardedSink sink;
        private final StringBuilder text = new StringBuilder();
        private final int maxChars;
        private long firstLine = -1;
        private long number;
        private boolean tooLarge;

        Element(String path, String hash, EventSink sink, int maxChars) {
            this.path = path;
            this.hash = hash;
            this.sink = new GuardedSink(sink);
            this.maxChars = maxChars;
        }

        boolean started() {
            return firstLine > 0;
        }

        void start(long lineNo) {
            firstLine = lineNo;
        }

        void overflow() {
            tooLarge = true;
            text.setLength(0);
        }

        void append(String line) {
            if (!started() || tooLarge) {
                return;
            }
            if (text.length() + line.length() + 1 > maxChars) {
                tooLarge = true;
                text.setLength(0);
            } else {
                text.append(line).append('\n');
            }
        }

        void finish() throws IOException {
            if (!started()) {
                return;
            }
            long at = firstLine;
            String chunk = text.toString();
            text.setLength(0);
            firstLine = -1;
            if (tooLarge) {
                tooLarge = false;
                number++;
                sink.reject(at, 1, "element starting at line " + at + " is longer than " + maxChars
                        + " characters: not read");
                return;
            }
            if (chunk.isBlank()) {
                return;
            }
            long objLine = -1;
            try (JsonParser p = MAPPER.createParser(chunk)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    objLine = at + p.currentTokenLocation().getLineNr() - 1;
                    number++;
                    if (t != JsonToken.START_OBJECT) {
                        sink.reject(objLine, 1, "line " + objLine + ": expected an {\"Event\":...} object, found "
                                + p.getText());
                        return;
                    }
                    JsonNode node = MAPPER.readTree(p);
                    JsonLinesReader.accept(node, new SourceRef(path, hash, objLine), number, sink, objLine, "line " + objLine);
                    objLine = -1;
                }
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation();
                long errLine = loc == null ? at : at + loc.getLineNr() - 1;
                if (objLine > 0) {
                    sink.reject(objLine, 1, "element starting at line " + objLine + " is damaged at line " + errLine
                            + ": " + JsonErrors.describe(e));
                } else {
                    sink.reject(errLine, 1, "line " + errLine + " is not part of an {\"Event\":...} object: "
                            + JsonErrors.describe(e));
                }
            }
        }
    }

    /** Maps one {@code {"Event":...}} object; IllegalArgumentException says what is missing. */
    static RawEvent toEvent(JsonNode root, SourceRef ref, long number) {
        JsonNode event = root.get("Event");
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("no \"Event\" object");
        }
        JsonNode system = event.get("System");
        if (system == null || !system.isObject()) {
            throw new IllegalArgumentException("no \"System\" object in the event");
        }
        FieldMap f = new FieldMap();
        EvtxDumpFlattener.system(system, f);
        var parts = event.fields();
        while (parts.hasNext()) {
            var part = parts.next();
            switch (part.getKey()) {
                case "System", "#attributes" -> { }
                case "EventData", "UserData" -> EvtxDumpFlattener.data(part.getValue(), f);
                default -> EvtxDumpFlattener.prefixed(part.getKey(), part.getValue(), f);
            }
        }
        return SystemFields.toEvent(f.map(), ref, number);
    }
}
