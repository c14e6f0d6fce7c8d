package dev.th.evtx;

import java.util.ArrayList;
import java.util.List;

/**
 * What the counters of one file's headers said that its chunks contradict (a file copied from a
 * live system lags behind the records it holds): gathered while the chunks are read, reported as
 * one warning per file. The records are read from the chunks whatever the counters say.
 */
final class StaleCounters {
    private long chunks;
    private long maxRecordId = Long.MIN_VALUE;
    private int freeSpaceChunks;
    private long freeSpaceRecords;
    private long firstFreeSpaceChunk = -1;
    private int lastIdChunks;
    private long firstLastIdChunk = -1;
    private int checksumChunks;

    void reset() {
        chunks = 0;
        maxRecordId = Long.MIN_VALUE;
        freeSpaceChunks = 0;
        freeSpaceRecords = 0;
        firstFreeSpaceChunk = -1;
        lastIdChunks = 0;
        firstLastIdChunk = -1;
        checksumChunks = 0;
    }

    /** Adds what {@code other} gathered (another part of the same file). */
    void add(StaleCounters other) {
        chunks += other.chunks;
        maxRecordId = Math.max(maxRecordId, other.maxRecordId);
        if (other.freeSpaceChunks > 0 && (freeSpaceChunks == 0 || other.firstFreeSpaceChunk < firstFreeSpaceChunk)) {
            firstFreeSpaceChunk = other.firstFreeSpaceChunk;
        }
        freeSpaceChunks += other.freeSpaceChunks;
        freeSpaceRecords += other.freeSpaceRecords;
        if (other.lastIdChunks > 0 && (lastIdChunks == 0 || other.firstLastIdChunk < firstLastIdChunk)) {
            firstLastIdChunk = other.firstLastIdChunk;
        }
        lastIdChunks += other.lastIdChunks;
        checksumChunks += other.checksumChunks;
    }

    /** A chunk with a signature was met. */
    void chunk() {
        chunks++;
    }

    /** A live record of this record id (its header's) was read. */
    void record(long id) {
        if (id > maxRecordId) {
            maxRecordId = id;
        }
    }

    /** {@code records} whole records found past the free-space offset of the chunk at {@code offset}. */
    void freeSpace(long offset, int records) {
        if (freeSpaceChunks++ == 0) {
            firstFreeSpaceChunk = offset;
        }
        freeSpaceRecords += records;
    }

    /** The chunk at {@code offset} holds records beyond the last record id its header announces. */
    void lastRecordId(long offset) {
        if (lastIdChunks++ == 0) {
            firstLastIdChunk = offset;
        }
    }

    /** The chunk's records checksum covers only the records up to its stale free-space offset. */
    void checksum() {
        checksumChunks++;
    }

    /**
     * The one warning of the file, or null when every counter agreed.
     *
     * @param headerChunks the chunk count of the file header (16 bits), -1 without a header
     * @param nextRecordId the file header's next record id, -1 without a header
     */
    String message(int headerChunks, long nextRecordId) {
        List<String> stale = new ArrayList<>();
        if (headerChunks >= 0 && headerChunks < chunks && headerChunks != (chunks & 0xffff)) {
            stale.add("the file header announces " + headerChunks + " chunks, the file holds " + chunks + " in use");
        }
        if (nextRecordId >= 0 && maxRecordId != Long.MIN_VALUE && nextRecordId <= maxRecordId) {
            stale.add("the file header's next record id is " + nextRecordId + ", records up to " + maxRecordId + " were read");
        }
        if (freeSpaceChunks > 0) {
            stale.add(freeSpaceChunks + " chunk(s) hold " + freeSpaceRecords + " record(s) past their free-space offset"
                    + " (first: chunk at offset " + Le.hex(firstFreeSpaceChunk) + ")"
                    + (checksumChunks > 0 ? ", their records checksum covering only the records before it" : ""));
        }
        if (lastIdChunks > 0) {
            stale.add(lastIdChunks + " chunk header(s) announce a last record id below the records they hold"
                    + " (first: chunk at offset " + Le.hex(firstLastIdChunk) + ")");
        }
        if (stale.isEmpty()) {
            return null;
        }
        return "stale counters (the file was probably copied while the log was in use): " + String.join("; ", stale)
                + "; every whole record the chunks hold was read";
    }
}
