package dev.th.event;

/**
 * Where an event was read: the file (or zip entry) path as given, the SHA-256 of the file's
 * content (hex, lower case), and the byte offset (EVTX) or line number (JSON lines) of the record.
 */
public record SourceRef(String path, String contentHash, long offset) {
}
