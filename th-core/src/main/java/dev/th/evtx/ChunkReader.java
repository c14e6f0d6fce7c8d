package dev.th.evtx;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.zip.CRC32;

/**
 * Reads the records of one 64 KiB chunk: checks its header, its header and records checksums,
 * walks its records (resynchronizing on the next record signature after a damaged one) and
 * passes each to the sink, accepted or rejected. One instance serves one file at a time; its
 * buffers and caches are reused for the next file.
 */
final class ChunkReader {
    private static final int MAX_RECORDS_PER_CHUNK = (EvtxLayout.CHUNK_SIZE - EvtxLayout.RECORDS_START) / EvtxLayout.RECORD_MIN_SIZE;

    private final ValueText values = new ValueText();
    private final BinXmlDecoder decoder = new BinXmlDecoder(values);
    private final RecordFlattener flattener = new RecordFlattener(values);
    private final CRC32 crc = new CRC32();
    /** The chunk being read, and the file header before it; reused from file to file. */
    final byte[] chunkBuffer = new byte[EvtxLayout.CHUNK_SIZE];
    final byte[] headerBuffer = new byte[EvtxLayout.FILE_HEADER_SIZE];
    private String path;
    private String contentHash;
    private EventSink sink;

    private byte[] b;
    private long fileOffset;
    private String where;

    /** Starts a file: every chunk read next is reported as part of it. */
    void startFile(String path, String contentHash, EventSink sink) {
        this.path = path;
        this.contentHash = contentHash;
        this.sink = sink;
    }

    /**
     * Reads the chunk held in {@code chunk[0, avail)}, found at {@code fileOffset}. {@code avail}
     * is less than 64 KiB only when the input ended inside this chunk; then the records cut off
     * are reported as one reject at the cut.
     *
     * @return the number of records accepted
     */
    int read(byte[] chunk, int avail, int index, long fileOffset) {
        this.b = chunk;
        this.fileOffset = fileOffset;
        this.where = "chunk " + index + " at offset " + Le.hex(fileOffset);
        boolean complete = avail == EvtxLayout.CHUNK_SIZE;
        if (!EvtxLayout.startsWith(b, 0, avail, EvtxLayout.CHUNK_MAGIC)) {
            if (!EvtxLayout.allZero(b, 0, avail)) {
                sink.reject(fileOffset, announced(avail), where + ": no chunk signature 'ElfChnk' (the chunk header is"
                        + " unusable; its records are skipped)" + (complete ? "" : "; the file also ends inside this chunk"));
            }
            return 0;
        }
        if (avail < EvtxLayout.CHUNK_HEADER_SIZE) {
            sink.reject(fileOffset, announced(avail), where + ": the file ends " + avail + " bytes into the chunk header");
            return 0;
        }
        checkHeaderCrc();
        int dataEnd = Le.i32(b, 48);
        if (dataEnd < EvtxLayout.RECORDS_START || dataEnd > EvtxLayout.CHUNK_SIZE) {
            sink.warn(fileOffset, where + ": free-space offset " + Le.hex(dataEnd & 0xffffffffL)
                    + " is outside the chunk; records are looked for up to the chunk's end");
            dataEnd = EvtxLayout.CHUNK_SIZE;
        } else if (complete) {
            checkRecordsCrc(dataEnd);
        }
        decoder.beginChunk(b, avail);
        return readRecords(Math.min(dataEnd, avail), avail, complete);
    }

    private void checkHeaderCrc() {
        crc.reset();
        crc.update(b, 0, 120);
        crc.update(b, 128, EvtxLayout.CHUNK_HEADER_SIZE - 128);
        long stored = Le.u32(b, 124);
        if (crc.getValue() != stored) {
            sink.warn(fileOffset, where + ": header CRC32 " + Le.hex(stored) + " != computed " + Le.hex(crc.getValue())
                    + "; its records were read anyway, each checked on its own");
        }
    }

    private void checkRecordsCrc(int dataEnd) {
        crc.reset();
        crc.update(b, EvtxLayout.RECORDS_START, dataEnd - EvtxLayout.RECORDS_START);
        long stored = Le.u32(b, 52);
        if (crc.getValue() != stored) {
            sink.warn(fileOffset, where + ": event records CRC32 " + Le.hex(stored) + " != computed " + Le.hex(crc.getValue())
                    + "; records that still decode were read, their values may be damaged");
        }
    }

    /** Records the chunk header announces (0 when its numbers are not plausible). */
    private long announced(int avail) {
        if (avail < 40) {
            return 0;
        }
        long n = Le.i64(b, 32) - Le.i64(b, 24) + 1;
        return n > 0 && n <= MAX_RECORDS_PER_CHUNK ? n : 0;
    }

    private int readRecords(int limit, int avail, boolean complete) {
        int accepted = 0;
        long lastId = Le.i64(b, 32);
        long seenId = Le.i64(b, 24) - 1;
        int p = EvtxLayout.RECORDS_START;
        while (p + EvtxLayout.RECORD_HEADER_SIZE <= limit) {
            int sig = Le.i32(b, p);
            int size = Le.i32(b, p + 4);
            String problem = null;
            if (sig != EvtxLayout.RECORD_SIGNATURE) {
                if (EvtxLayout.allZero(b, p, limit)) {
                    break;
                }
                problem = "no record signature (found " + Le.hex(sig & 0xffffffffL) + ")";
            } else if (size < EvtxLayout.RECORD_MIN_SIZE || size > EvtxLayout.CHUNK_SIZE - p) {
                problem = "bad record size " + Le.hex(size & 0xffffffffL);
            } else if (p + size > avail) {
                cut(p, lastId - seenId, "the file ends inside this record (" + (avail - p) + " of its " + size + " bytes)");
                return accepted;
            } else if (Le.i32(b, p + size - 4) != size) {
                problem = "record size " + size + " does not match its copy at the record's end ("
                        + Le.i32(b, p + size - 4) + ")";
            }
            if (problem != null) {
                sink.reject(fileOffset + p, 1, where + ": record at offset " + Le.hex(fileOffset + p) + ": " + problem);
                p = resync(p + 1, limit, avail);
                continue;
            }
            long id = Le.i64(b, p + 8);
            if (decodeRecord(p, size, id)) {
                accepted++;
            }
            seenId = id;
            p += size;
        }
        if (p >= limit && limit < avail) {
            accepted += readPastFreeSpace(p, avail);
        }
        if (!complete && limit == avail && p < Le.i32(b, 48)) {
            cut(p, lastId - seenId, "the file ends inside this chunk, " + (avail - p) + " bytes after the last whole record");
        }
        return accepted;
    }

    /**
     * Whole records right after the free-space offset: written before a crash that left the
     * chunk header stale. Read while they follow one another and decode; stops silently at the
     * first byte that is not a plausible record.
     */
    private int readPastFreeSpace(int p, int avail) {
        int found = 0;
        int start = p;
        while (p + EvtxLayout.RECORD_HEADER_SIZE <= avail && Le.i32(b, p) == EvtxLayout.RECORD_SIGNATURE) {
            int size = Le.i32(b, p + 4);
            if (size < EvtxLayout.RECORD_MIN_SIZE || p + size > avail || Le.i32(b, p + size - 4) != size) {
                break;
            }
            if (!decodeRecord(p, size, Le.i64(b, p + 8))) {
                break;
            }
            found++;
            p += size;
        }
        if (found > 0) {
            sink.warn(fileOffset + start, where + ": " + found + " record(s) found past the free-space offset "
                    + Le.hex(start) + " (the chunk header was not updated); read anyway");
        }
        return found;
    }

    private void cut(int p, long lost, String reason) {
        long n = lost > 0 && lost <= MAX_RECORDS_PER_CHUNK ? lost : 1;
        sink.reject(fileOffset + p, n, where + ": truncated at offset " + Le.hex(fileOffset + p) + ": " + reason);
    }

    /** The next offset that holds a plausible record header, or {@code limit} when none. */
    private int resync(int from, int limit, int avail) {
        for (int q = from; q + EvtxLayout.RECORD_HEADER_SIZE <= limit; q++) {
            if (b[q] == 0x2a && b[q + 1] == 0x2a && b[q + 2] == 0 && b[q + 3] == 0) {
                int size = Le.i32(b, q + 4);
                if (size >= EvtxLayout.RECORD_MIN_SIZE && q + size <= avail && Le.i32(b, q + size - 4) == size) {
                    return q;
                }
            }
        }
        return limit;
    }

    private boolean decodeRecord(int p, int size, long headerId) {
        long offset = fileOffset + p;
        flattener.begin();
        try {
            decoder.decodeRecord(p + EvtxLayout.RECORD_HEADER_SIZE, p + size - 4, flattener);
        } catch (RuntimeException e) {
            String what = e instanceof DecodeException ? e.getMessage() : e.toString();
            sink.reject(offset, 1, where + ": record " + headerId + " at offset " + Le.hex(offset)
                    + ": cannot decode its binary XML: " + what + " (offsets inside the chunk)");
            return false;
        }
        sink.accept(toEvent(flattener.fields(), offset, headerId, Le.i64(b, p + 16)));
        return true;
    }

    private RawEvent toEvent(LinkedHashMap<String, String> f, long offset, long headerId, long written) {
        Instant time;
        if (flattener.timeTicks != Long.MIN_VALUE) {
            time = TimeText.instant(flattener.timeTicks);
        } else {
            time = parseTime(f.get("TimeCreated"), written);
        }
        return new RawEvent(new SourceRef(path, contentHash, offset), parseLong(f.get("EventRecordID"), headerId), time,
                f.get("Provider_Name"), f.get("Channel"), (int) parseLong(f.get("EventID"), 0), f.get("Computer"), f);
    }

    private static Instant parseTime(String text, long written) {
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (RuntimeException e) {
                // fall back to the record header's time
            }
        }
        return TimeText.instant(written);
    }

    private static long parseLong(String s, long fallback) {
        if (s == null || s.isEmpty()) {
            return fallback;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || i > 18) {
                return fallback;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
