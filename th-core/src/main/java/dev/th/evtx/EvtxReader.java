package dev.th.evtx;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Reads Windows XML Event Log (EVTX) files: the file header, then one 64 KiB chunk at a time
 * (memory stays bounded whatever the file size), each record's binary XML decoded with its
 * chunk's templates and flattened into a {@link dev.th.event.RawEvent}.
 *
 * <p>Damage: a record that cannot be read goes to {@link EventSink#reject} with its offset and
 * reading goes on at the next record; a chunk without a usable header is rejected with the
 * number of records it announces; a file cut short yields every whole record before the cut and
 * one reject at the cut. Checksum mismatches on data that still decodes lose no record: they are
 * reported through {@link EventSink#warn}. A stream that is not EVTX at all throws
 * {@link IOException}. See {@code docs/evtx.md}.
 */
public final class EvtxReader implements EventReader {

    /** A reader; it holds no state, so one instance can serve many threads. */
    public EvtxReader() {
    }

    /** A spare reader state per thread, so small files do not pay for fresh buffers each time. */
    private static final ThreadLocal<ChunkReader> SPARE = new ThreadLocal<>();

    /**
     * Where the chunks of a file go as {@link #split} reads it: chunks are independent, so they
     * can be decoded on other threads with {@link #decodeChunk}.
     */
    public interface ChunkHandler {
        /** A 64 KiB buffer to read the next chunk into; it belongs to the handler. */
        byte[] buffer();

        /**
         * Chunk {@code index} of the file, in {@code chunk[0, length)} (less than 64 KiB only
         * when the file ends inside it), found at byte {@code fileOffset}.
         */
        void chunk(byte[] chunk, int length, long index, long fileOffset) throws IOException;
    }

    /**
     * What one file's chunks say about its header's counters, gathered as its chunks are decoded
     * (on any thread) and told once, when all are: see {@link #staleCounters()}.
     */
    public static final class FileCheck {
        private final StaleCounters stale = new StaleCounters();
        private int headerChunks = -1;
        private long nextRecordId = -1;

        void header(int chunks, long nextId) {
            this.headerChunks = chunks;
            this.nextRecordId = nextId;
        }

        synchronized void add(StaleCounters chunk) {
            stale.add(chunk);
        }

        /** The file's one warning about stale counters, or null when every counter agreed. */
        public synchronized String staleCounters() {
            return stale.message(headerChunks, nextRecordId);
        }
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        ChunkReader chunks = take();
        try {
            chunks.startFile(path, contentHash, sink);
            FileCheck check = new FileCheck();
            read(in, path, sink, chunks.headerBuffer, new ChunkHandler() {
                @Override
                public byte[] buffer() {
                    return chunks.chunkBuffer;
                }

                @Override
                public void chunk(byte[] chunk, int length, long index, long fileOffset) {
                    chunks.read(chunk, length, index, fileOffset);
                }
            }, check);
            check.add(chunks.stale());
            String stale = check.staleCounters();
            if (stale != null) {
                sink.warn(0, stale);
            }
        } finally {
            give(chunks);
        }
    }

    /**
     * Reads the file header and hands every chunk to {@code handler} in file order instead of
     * decoding it; what concerns the file as a whole (its header, where it ends) goes to
     * {@code sink}, in the order {@link #read} would report it between the chunks' records. The
     * chunks are then decoded with {@link #decodeChunk} into {@code check}; once all are, the
     * warning {@link #read} gives at the file's end is {@link FileCheck#staleCounters()}.
     */
    public void split(InputStream in, String path, EventSink sink, ChunkHandler handler, FileCheck check)
            throws IOException {
        read(in, path, sink, new byte[EvtxLayout.FILE_HEADER_SIZE], handler, check);
    }

    /**
     * Decodes one chunk handed out by {@link #split}, on the calling thread, into {@code sink}:
     * the same records, rejects and warnings as {@link #read} gives for it.
     */
    public void decodeChunk(byte[] chunk, int length, long index, long fileOffset, String path, String contentHash,
            EventSink sink, FileCheck check) {
        ChunkReader chunks = take();
        try {
            chunks.startFile(path, contentHash, sink);
            chunks.read(chunk, length, index, fileOffset);
            check.add(chunks.stale());
        } finally {
            give(chunks);
        }
    }

    private static ChunkReader take() {
        ChunkReader chunks = SPARE.get();
        SPARE.set(null); // a read started from inside a sink gets its own
        return chunks == null ? new ChunkReader() : chunks;
    }

    private static void give(ChunkReader chunks) {
        chunks.startFile(null, null, null);
        SPARE.set(chunks);
    }

    private static void read(InputStream in, String path, EventSink sink, byte[] header, ChunkHandler handler,
            FileCheck check) throws IOException {
        int headerLength = in.readNBytes(header, 0, header.length);
        byte[] chunk = handler.buffer();
        int headerChunks = checkHeader(header, headerLength, path, sink);
        int n = in.readNBytes(chunk, 0, chunk.length);
        if (headerChunks < 0) {
            if (!EvtxLayout.startsWith(chunk, 0, n, EvtxLayout.CHUNK_MAGIC)) {
                boolean evt = headerLength >= 8 && header[4] == 'L' && header[5] == 'f' && header[6] == 'L' && header[7] == 'e';
                throw new IOException(path + ": not an EVTX file: it starts with " + describe(header, headerLength)
                        + ", not the signature 'ElfFile'" + (evt ? " (it looks like a Windows XP .evt log, which is not supported)" : ""));
            }
            sink.warn(0, "file header: signature 'ElfFile' is damaged, but a chunk follows at offset 0x1000; reading on");
            checkHeaderCrc(header, headerLength, sink);
        }
        if (headerLength < EvtxLayout.FILE_HEADER_SIZE) {
            sink.reject(headerLength, 0, "file header: the file ends after " + headerLength + " of its 4096 header bytes");
            return;
        }
        check.header(headerChunks, headerChunks < 0 ? -1 : Le.i64(header, 24));
        long index = 0;
        long offset = EvtxLayout.FILE_HEADER_SIZE;
        boolean cutInChunk = false;
        while (n > 0) {
            handler.chunk(chunk, n, index, offset);
            index++;
            if (n < EvtxLayout.CHUNK_SIZE) {
                cutInChunk = true;
                break;
            }
            offset += n;
            chunk = handler.buffer();
            n = in.readNBytes(chunk, 0, chunk.length);
        }
        if (!cutInChunk && headerChunks > index) {
            sink.reject(offset, 0, "the file ends after " + index + " chunks at offset " + Le.hex(offset)
                    + " but its header announces " + headerChunks + " chunks");
        }
    }

    /** Checks the file header; returns the chunk count it announces, or -1 without a signature. */
    private static int checkHeader(byte[] h, int length, String path, EventSink sink) throws IOException {
        if (length == 0) {
            throw new IOException(path + ": not an EVTX file: it is empty");
        }
        if (!EvtxLayout.startsWith(h, 0, length, EvtxLayout.FILE_MAGIC)) {
            return -1;
        }
        if (length < 128) {
            return 0;
        }
        checkHeaderCrc(h, length, sink);
        return Le.u16(h, 42);
    }

    private static void checkHeaderCrc(byte[] h, int length, EventSink sink) {
        if (length < 128) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(h, 0, 120);
        long stored = Le.u32(h, 124);
        if (crc.getValue() != stored) {
            sink.warn(0, "file header: CRC32 " + Le.hex(stored) + " != computed " + Le.hex(crc.getValue())
                    + "; the chunks are read anyway");
        }
    }

    private static String describe(byte[] h, int length) {
        StringBuilder sb = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(8, length); i++) {
            sb.append(' ').append(String.format("%02x", h[i] & 0xff));
        }
        return sb.toString();
    }
}
