package dev.th.event;

/**
 * Receives what a reader reads, one record at a time, so readers stream with bounded memory.
 * Every record read goes to exactly one of the two methods.
 */
public interface EventSink {

    /** A record read and decoded. */
    void accept(RawEvent event);

    /**
     * A record (or a larger unit: a chunk, a line) that could not be decoded.
     *
     * @param offset byte offset in the file (EVTX) or line number (JSON lines) where it starts
     * @param records how many records were lost with it, when known (1 for one record; the
     *     number of records a damaged chunk header announced; 0 when unknown)
     * @param reason what was wrong, in words a user can act on
     */
    void reject(long offset, long records, String reason);

    /**
     * Something suspicious that lost no record: a checksum that does not match data that still
     * decodes, a damaged file header. Every record is still passed to accept or reject; this only
     * informs. The default ignores it.
     *
     * @param offset byte offset (or line number) the warning is about
     * @param message what was wrong, naming the unit (file header, chunk) and the offset
     */
    default void warn(long offset, String message) {
    }
}
