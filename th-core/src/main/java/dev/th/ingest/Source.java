package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One input unit: a file, or an entry of a zip (at any depth). Valid only during the
 * {@link SourceVisitor#source} call that hands it over: a zip entry lives in a temporary file
 * deleted afterwards.
 *
 * @param displayPath the path to show and record: the file path as given, or
 *     {@code archive.zip!/entry.json} (and {@code outer.zip!/inner.zip!/entry.evtx})
 * @param format the format found in the content
 * @param size content length in bytes (uncompressed for a zip entry)
 * @param sha256 SHA-256 of the content, hex lower case
 * @param opener opens the content
 */
public record Source(String displayPath, Format format, long size, String sha256, InputOpener opener) {

    /** Reads the content with {@code reader}, which gets this source's path and hash. */
    public void read(EventReader reader, EventSink sink) throws IOException {
        try (InputStream in = opener.open()) {
            reader.read(in, displayPath, sha256, sink);
        }
    }

    /** Reads the content with the reader mapped to this source's format. */
    public void read(Map<Format, ? extends EventReader> readers, EventSink sink) throws IOException {
        EventReader reader = readers.get(format);
        if (reader == null) {
            throw new IOException(displayPath + ": no reader for " + format + " input");
        }
        read(reader, sink);
    }
}
