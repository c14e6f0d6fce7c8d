package dev.th.evtx;

import dev.th.event.EventSink;
import dev.th.event.GuardedSink;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.zip.CRC32;

/**
 * Reads the records of one 64 KiB chunk: checks its header, its header and records checksums,
 * walks its records (resynchronizing on the next record signature after a damaged one, going on
 * past a stale free-space offset) and passes each to the sink, accepted or rejected; then scans
 * the chunk's slack space for older records, passed on flagged {@link RawEvent#RECOVERED}. One instance serves one file at a time; its
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
    private int accepted;
    private boolean carving;
    /** Of the last record decoded whole in this chunk: a record whose template was lost gets them. */
    private String lastComputer;
    private String lastChannel;
    /** Records of this chunk whose template was lost, met before any record decoded whole: they wait for its Computer. */
    private final java.util.ArrayList<RawEvent> waiting = new java.util.ArrayList<>();
    private long maxLiveId;
    private final StaleCounters stale = new StaleCounters();

    /** Starts a file: every chunk read next is reported as part of it. */
    void startFile(String path, String contentHash, EventSink sink) {
        this.path = path;
        this.contentHash = contentHash;
        this.sink = sink == null ? null : new GuardedSink(sink);
        this.carving = false;
        stale.reset();
        lastComputer = null;
        lastChannel = null;
    }

    /**
     * Starts carving an image ({@code th carve}): every record read is passed on flagged
     * {@link RawEvent#RECOVERED} and decoded with the checks of recovered records, and what
     * cannot be read is a warning (a fragment), not a rejected record.
     */
    void startCarving(String path, String contentHash, EventSink sink) {
        startFile(path, contentHash, sink);
        carving = true;
    }

    /** Records lost: rejected from a log, a warning when carving (fragments are expected there). */
    private void lose(long offset, long records, String reason) {
        if (carving) {
            sink.warn(offset, "fragment: " + reason);
        } else {
            sink.reject(offset, records, reason);
        }
    }

    /**
     * Decodes one loose record found by carving, held in {@code buf[p, p + size)} of a chunk image
     * {@code buf[0, end)} made for it, found at {@code offset} of the image.
     */
    boolean readLoose(byte[] buf, int end, int p, int size, long offset) {
        this.b = buf;
        this.fileOffset = offset - p;
        this.where = "loose record";
        decoder.beginChunk(buf, end);
        accepted = 0;
        return decode(p, size, Le.i64(buf, p + 8), RawEvent.RECOVERED, true);
    }

    /** What the chunks read since {@link #startFile} said about the file's counters. */
    StaleCounters stale() {
        return stale;
    }

    /**
     * Reads the chunk held in {@code chunk[0, avail)}, found at {@code fileOffset}. {@code avail}
     * is less than 64 KiB only when the input ended inside this chunk; then the records cut off
     * are reported as one reject at the cut.
     *
     * @return the number of records accepted
     */
    int read(byte[] chunk, int avail, long index, long fileOffset) {
        this.b = chunk;
        this.fileOffset = fileOffset;
        this.where = "chunk " + index + " at offset " + Le.hex(fileOffset);
        accepted = 0;
        lastComputer = null; // the Computer a lost template's record gets is one of its own chunk
        lastChannel = null;
        waiting.clear();
        try {
            int n = readChunk(avail);
            passWaiting(null, null);
            return n;
        } catch (RuntimeException | StackOverflowError e) {
            if (sink instanceof GuardedSink g && g.failed()) {
                throw e; // the sink's own failure (the store): not the chunk's
            }
            passWaiting(null, null);
            lose(fileOffset, Math.max(0, announced(avail) - accepted), where + ": reading the chunk stopped at an unexpected"
                    + " error (" + e + ") after " + accepted + " record(s); the rest of the chunk is skipped and reading"
                    + " goes on at the next chunk");
            return accepted;
        }
    }

    private int readChunk(int avail) {
        boolean complete = avail == EvtxLayout.CHUNK_SIZE;
        if (!EvtxLayout.startsWith(b, 0, avail, EvtxLayout.CHUNK_MAGIC)) {
            if (!EvtxLayout.allZero(b, 0, avail)) {
                lose(fileOffset, announced(avail), where + ": no chunk signature 'ElfChnk' (the chunk header is"
                        + " unusable; its records are skipped)" + (complete ? "" : "; the file also ends inside this chunk"));
            }
            return 0;
        }
        if (avail < EvtxLayout.CHUNK_HEADER_SIZE) {
            lose(fileOffset, announced(avail), where + ": the file ends " + avail + " bytes into the chunk header");
            return 0;
        }
        stale.chunk();
        checkHeaderCrc();
        int dataEnd = Le.i32(b, 48);
        boolean freeSpaceOk = dataEnd >= EvtxLayout.RECORDS_START && dataEnd <= EvtxLayout.CHUNK_SIZE;
        if (!freeSpaceOk) {
            sink.warn(fileOffset, where + ": free-space offset " + Le.hex(dataEnd & 0xffffffffL)
                    + " is outside the chunk; records are looked for up to the chunk's end");
            dataEnd = EvtxLayout.CHUNK_SIZE;
        }
        decoder.beginChunk(b, avail);
        accepted = 0;
        maxLiveId = Long.MIN_VALUE;
        int liveEnd = readRecords(Math.min(dataEnd, avail), avail, complete);
        if (freeSpaceOk && complete) {
            checkRecordsCrc(dataEnd, liveEnd);
        }
        if (maxLiveId != Long.MIN_VALUE && maxLiveId > Le.i64(b, 32)) {
            stale.lastRecordId(fileOffset);
        }
        if (liveEnd >= 0) {
            readSlack(liveEnd, avail);
        }
        return accepted;
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

    /**
     * The records checksum covers the records up to the free-space offset; when whole records
     * were found past a stale offset, a checksum that covers only those before it is no damage.
     */
    private void checkRecordsCrc(int dataEnd, int liveEnd) {
        long stored = Le.u32(b, 52);
        long computed = recordsCrc(dataEnd);
        if (computed == stored) {
            return;
        }
        if (liveEnd > dataEnd && recordsCrc(liveEnd) == stored) {
            return;
        }
        if (liveEnd > dataEnd) {
            stale.checksum();
            return;
        }
        sink.warn(fileOffset, where + ": event records CRC32 " + Le.hex(stored) + " != computed " + Le.hex(computed)
                + "; records that still decode were read, their values may be damaged");
    }

    private long recordsCrc(int end) {
        crc.reset();
        crc.update(b, EvtxLayout.RECORDS_START, end - EvtxLayout.RECORDS_START);
        return crc.getValue();
    }

    /** Records the chunk header announces (0 when its numbers are not plausible). */
    private long announced(int avail) {
        if (avail < 40) {
            return 0;
        }
        long n = Le.i64(b, 32) - Le.i64(b, 24) + 1;
        return n > 0 && n <= MAX_RECORDS_PER_CHUNK ? n : 0;
    }

    /**
     * Walks the live records from the chunk's first record up to {@code limit} (the free-space
     * offset), then on past it while whole records follow with the next record ids (a stale
     * header). Returns where the live region ends, or -1 when the file ends inside it.
     */
    private int readRecords(int limit, int avail, boolean complete) {
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
                return -1;
            } else if (Le.i32(b, p + size - 4) != size) {
                problem = "record size " + size + " does not match its copy at the record's end ("
                        + Le.i32(b, p + size - 4) + ")";
            }
            if (problem != null) {
                lose(fileOffset + p, 1, where + ": record at offset " + Le.hex(fileOffset + p) + ": " + problem);
                p = resync(p + 1, limit, avail);
                continue;
            }
            long id = Le.i64(b, p + 8);
            decodeLive(p, size, id);
            seenId = id;
            p += size;
        }
        if (p >= limit && limit < avail) {
            p = readPastFreeSpace(p, avail, seenId);
        }
        if (!complete && limit == avail && p < Le.i32(b, 48)) {
            cut(p, lastId - seenId, "the file ends inside this chunk, " + (avail - p) + " bytes after the last whole record");
            return -1;
        }
        return p;
    }

    /**
     * Whole records right after the free-space offset that go on with the next record ids: written
     * before the chunk header was last updated. Stops at the first that does not.
     */
    private int readPastFreeSpace(int p, int avail, long seenId) {
        int found = 0;
        while (p + EvtxLayout.RECORD_HEADER_SIZE <= avail && Le.i32(b, p) == EvtxLayout.RECORD_SIGNATURE) {
            int size = Le.i32(b, p + 4);
            long id = Le.i64(b, p + 8);
            if (size < EvtxLayout.RECORD_MIN_SIZE || p + size > avail || Le.i32(b, p + size - 4) != size || id != seenId + 1) {
                break;
            }
            if (!decode(p, size, id, 0, false)) {
                break;
            }
            found++;
            seenId = id;
            p += size;
        }
        if (found > 0) {
            stale.freeSpace(fileOffset, found);
        }
        return p;
    }

    /**
     * Scans the chunk's slack space (after its live records) for older records that survived:
     * each whole one that decodes is passed on flagged recovered; a fragment that looks like a
     * record but does not decode is a warning with its offset.
     */
    private void readSlack(int from, int avail) {
        int p = from;
        while (p + EvtxLayout.RECORD_MIN_SIZE <= avail) {
            int size = plausibleRecord(b, p, avail);
            if (size > 0) {
                long id = Le.i64(b, p + 8);
                if (decode(p, size, id, RawEvent.RECOVERED, true)) {
                    p += size;
                    continue;
                }
            }
            p += 4;
        }
    }

    /**
     * The size of the record at {@code p} when it looks whole: its signature, a size that fits,
     * the size copy at its end, and binary XML that starts with a fragment header; else 0.
     */
    static int plausibleRecord(byte[] b, int p, int avail) {
        if (Le.i32(b, p) != EvtxLayout.RECORD_SIGNATURE) {
            return 0;
        }
        int size = Le.i32(b, p + 4);
        if (size < EvtxLayout.RECORD_MIN_SIZE || size > avail - p || size > EvtxLayout.CHUNK_SIZE - EvtxLayout.RECORDS_START
                || Le.i32(b, p + size - 4) != size) {
            return 0;
        }
        int x = p + EvtxLayout.RECORD_HEADER_SIZE;
        return b[x] == 0x0f && b[x + 1] == 1 && b[x + 2] == 1 && b[x + 3] == 0 ? size : 0;
    }

    private void cut(int p, long lost, String reason) {
        long n = lost > 0 && lost <= MAX_RECORDS_PER_CHUNK ? lost : 1;
        lose(fileOffset + p, n, where + ": truncated at offset " + Le.hex(fileOffset + p) + ": " + reason);
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

    private void decodeLive(int p, int size, long headerId) {
        decode(p, size, headerId, 0, false);
    }

    /**
     * Decodes the record at {@code p} and passes it on. A live record that does not decode is
     * rejected; a recovered one is a warning (a fragment, not a record the log holds), or, when
     * only its template was lost, its substitution values are kept.
     */
    private boolean decode(int p, int size, long headerId, int flags, boolean slack) {
        if (carving) {
            flags |= RawEvent.RECOVERED;
            slack = true;
        }
        long offset = fileOffset + p;
        RawEvent event;
        try {
            event = decodeEvent(p, size, headerId, flags, slack, offset);
        } catch (DecodeException e) {
            return failed(offset, headerId, e, slack);
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of TH's own code on this record's bytes: it costs this record, not the chunk
            return failed(offset, headerId, new DecodeException("unexpected " + e), slack);
        }
        if (event == null) {
            return false;
        }
        if (!slack) {
            stale.record(headerId);
            if (headerId > maxLiveId) {
                maxLiveId = headerId;
            }
        }
        if (!event.templateLost() && event.computer() != null) {
            lastComputer = event.computer();
            lastChannel = event.channel();
            passWaiting(lastComputer, lastChannel);
        } else if (!waiting.isEmpty() || event.templateLost() && lastComputer == null && !looseRecord()) {
            waiting.add(event); // passed on, in file order, once a record of this chunk gives its Computer
            accepted++;
            return true;
        }
        sink.accept(event);
        accepted++;
        return true;
    }

    /** Whether the record being decoded is a loose one ({@code th carve}), outside any chunk. */
    private boolean looseRecord() {
        return "loose record".equals(where);
    }

    /**
     * Passes on the records whose template was lost that waited for a Computer: that of the
     * record decoded whole after them in the same chunk, or none when the chunk holds none.
     */
    private void passWaiting(String computer, String channel) {
        for (RawEvent e : waiting) {
            if (!e.templateLost()) {
                sink.accept(e);
                continue;
            }
            java.util.Map<String, String> f = e.fields();
            if (computer != null) {
                f.put("TemplateLost_Context", "Computer is that of the record decoded after it in this chunk"
                        + " (none before it was decoded whole)");
            }
            sink.accept(new RawEvent(e.source(), e.recordId(), e.time(), e.provider(), e.channel() != null ? e.channel() : channel,
                    e.eventId(), computer, f, e.flags()));
        }
        waiting.clear();
    }

    /**
     * The record at {@code p} decoded, or kept with its substitution values when its template
     * was lost (recovered records only); null when it was reported as not decodable.
     */
    private RawEvent decodeEvent(int p, int size, long headerId, int flags, boolean slack, long offset) {
        long written = Le.i64(b, p + 16);
        flattener.begin();
        try {
            decoder.decodeRecord(p + EvtxLayout.RECORD_HEADER_SIZE, p + size - 4, flattener, slack);
        } catch (TemplateLostException e) {
            LinkedHashMap<String, String> values = slack
                    ? LostTemplate.values(b, p + EvtxLayout.RECORD_HEADER_SIZE, p + size - 4, this.values) : null;
            if (values == null) {
                failed(offset, headerId, e, slack);
                return null;
            }
            if (lastComputer != null) {
                values.put("TemplateLost_Context", "Computer is that of the record decoded before it in this chunk");
            }
            String channel = values.containsKey("Channel") ? values.get("Channel") : lastChannel;
            return new RawEvent(new SourceRef(path, contentHash, offset), parseLong(values.get("EventRecordID"), headerId),
                    parseTime(values.get(LostTemplate.TIME), written), values.get("Provider_Name"), channel,
                    (int) parseLong(values.get("EventID"), 0), lastComputer, values, flags | RawEvent.TEMPLATE_LOST);
        }
        return toEvent(flattener.fields(), offset, headerId, written, flags);
    }

    private boolean failed(long offset, long headerId, RuntimeException e, boolean slack) {
        String what = e instanceof DecodeException ? e.getMessage() : e.toString();
        if (carving) {
            sink.warn(offset, "fragment: " + where + " " + headerId + " at offset " + Le.hex(offset) + " does not decode: " + what);
        } else if (slack) {
            sink.warn(offset, where + ": a fragment of an older record (" + headerId + ") at offset " + Le.hex(offset)
                    + " in the chunk's slack space does not decode: " + what + "; skipped (it is not a record the log holds)");
        } else {
            lose(offset, 1, where + ": record " + headerId + " at offset " + Le.hex(offset)
                    + ": cannot decode its binary XML: " + what + " (offsets inside the chunk)");
        }
        return false;
    }

    private RawEvent toEvent(LinkedHashMap<String, String> f, long offset, long headerId, long written, int flags) {
        Instant time;
        if (flattener.timeTicks != Long.MIN_VALUE) {
            time = TimeText.instant(flattener.timeTicks);
        } else {
            time = parseTime(f.get("TimeCreated"), written);
        }
        return new RawEvent(new SourceRef(path, contentHash, offset), parseLong(f.get("EventRecordID"), headerId), time,
                f.get("Provider_Name"), f.get("Channel"), (int) parseLong(f.get("EventID"), 0), f.get("Computer"), f, flags);
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
