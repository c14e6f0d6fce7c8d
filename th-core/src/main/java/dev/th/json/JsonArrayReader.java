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
import dev.th.event.SourceRef;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSON array of event objects ({@code [ {...}, {...} ]}, as many export tools write),
 * streaming: one element in memory at a time. Each element is mapped as {@link JsonLinesReader}
 * maps a line (flat, Winlogbeat, evtx_dump or Get-WinEvent shaped: PowerShell's
 * {@code Get-WinEvent | ConvertTo-Json} writes such an array, in UTF-16LE from Windows PowerShell's
 * {@code Out-File}; the encoding is found from the byte-order mark). {@code recordId} is the element's number
 * (1-based), the SourceRef offset the line where it starts. An element that is not an event is
 * rejected and reading goes on; damaged JSON ends the array (JSON cannot be resynchronized
 * inside an array): it is rejected with its line, the records after it counted as unknown.
 */
public final class JsonArrayReader implements EventReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink to) throws IOException {
        GuardedSink sink = new GuardedSink(to);
        long number = 0;
        long line = 1;
        boolean inElement = false;
        try (JsonParser p = MAPPER.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_ARRAY) {
                throw new IOException(path + " is not a JSON array (it starts with " + (t == null ? "nothing" : p.getText()) + ")");
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    sink.reject(line, 0, "the array is not closed: the file ends after element " + number);
                    return;
                }
                line = p.currentTokenLocation().getLineNr();
                number++;
                inElement = true;
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    sink.reject(line, 1, "element " + number + " at line " + line + " is not a JSON object");
                    continue;
                }
                JsonNode node = MAPPER.readTree(p);
                JsonLinesReader.accept(node, new SourceRef(path, contentHash, line), number, sink, line,
                        "element " + number + " at line " + line);
                inElement = false;
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            long at = loc == null ? line : loc.getLineNr();
            if (inElement) {
                sink.reject(line, 0, "element " + number + " starting at line " + line + " is damaged at line " + at
                        + "; the rest of the array is not read: " + JsonErrors.describe(e));
            } else {
                sink.reject(at, 0, "damaged JSON at line " + at + " (after element " + number
                        + "); the rest of the array is not read: " + JsonErrors.describe(e));
            }
        }
    }
}
