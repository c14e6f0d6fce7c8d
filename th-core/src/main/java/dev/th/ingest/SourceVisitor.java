package dev.th.ingest;

import java.io.IOException;

/** Receives what {@link Sources} finds, in a stable order. */
public interface SourceVisitor {

    /**
     * An input to read. An IOException thrown here is reported back through {@link #skipped}
     * with the source's path, and the walk goes on.
     */
    void source(Source source) throws IOException;

    /**
     * An input that is not read: missing, unreadable, of no known format, or a damaged zip.
     *
     * @param displayPath the path as {@link Source#displayPath} would spell it
     * @param reason why, in words a user can act on
     */
    void skipped(String displayPath, String reason);
}
