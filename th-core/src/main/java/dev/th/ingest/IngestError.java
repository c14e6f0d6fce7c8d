package dev.th.ingest;

/**
 * Something of an input that could not be read or stored.
 *
 * @param offset byte offset in the file (EVTX) or line number (JSON lines) where it starts; -1
 *     when the whole input is concerned
 * @param reason what was wrong, in words a user can act on
 */
public record IngestError(long offset, String reason) {
}
