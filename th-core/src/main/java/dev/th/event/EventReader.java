package dev.th.event;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one source format (EVTX, JSON lines, evtx_dump JSON) into raw events. Readers are pure:
 * no state between calls, so one instance can serve many threads and many files.
 */
public interface EventReader {

    /**
     * Reads every record of {@code in} into {@code sink}. Damaged records are passed to
     * {@link EventSink#reject} and reading goes on; an exception is thrown only when nothing more
     * can be read (the stream itself fails, or the file is not of this format at all).
     *
     * @param in the content, positioned at its start; not closed here
     * @param path the name to report (a file path, or {@code archive.zip!/entry.json})
     * @param contentHash SHA-256 of the content, hex lower case, copied into every SourceRef
     */
    void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException;
}
