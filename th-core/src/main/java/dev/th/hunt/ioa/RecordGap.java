package dev.th.hunt.ioa;

import java.time.Instant;

/**
 * Event records missing from a channel's sequence on one machine: EventRecordIDs
 * {@code firstMissing..lastMissing} were never seen, while the record just before
 * ({@code before*}) and the one just after ({@code after*}) were. Only the live records of the
 * channel count (not records carved from slack space).
 *
 * @param afterRef the record after the hole as {@code path#record} (the store's record of it)
 * @param afterSourceHash the content hash of the input holding the record after the hole
 * @param afterStoreRecord the store's RecordId of that record
 */
public record RecordGap(
        String clientId,
        String muid,
        String machineName,
        String channel,
        long firstMissing,
        long lastMissing,
        long beforeRecord,
        Instant beforeTime,
        int beforeEventId,
        long afterRecord,
        Instant afterTime,
        int afterEventId,
        String afterRef,
        String afterSourceHash,
        long afterStoreRecord) {

    /** How many records are missing. */
    public long missing() {
        return lastMissing - firstMissing + 1;
    }

    /** The missing ids as {@code a-b} (or {@code a} alone). */
    public String range() {
        return firstMissing == lastMissing ? String.valueOf(firstMissing) : firstMissing + "-" + lastMissing;
    }
}
