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

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        ChunkReader chunks = SPARE.get();
        SPARE.set(null); // a read started from inside a sink gets its own
        if (chunks == null) {
            chunks = new ChunkReader();
        }
        try {
            chunks.startFile(path, contentHash, sink);
            read(in, path, sink, chunks);
        } finally {
            chunks.startFile(null, null, null);
            SPARE.set(chunks);
        }
    }

    private static void read(InputStream in, String path, EventSink sink, ChunkReader chunks) throws IOException {
        byte[] header = chunks.headerBuffer;
        int headerLength = in.readNBytes(header, 0, header.length);
        byte[] chunk = chunks.chunkBuffer;
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
        long index = 0;
        long offset = EvtxLayout.FILE_HEADER_SIZE;
        boolean cutInChunk = false;
        while (n > 0) {
            chunks.read(chunk, n, index, offset);
            index++;
            if (n < chunk.length) {
                cutInChunk = true;
                break;
            }
            offset += n;
            n = in.readNBytes(chunk, 0, chunk.length);
        }
        if (!cutInChunk && headerChunks > index) {
            sink.reject(offset, 0, "the file ends after " + index + " chunks at offset " + Le.hex(offset)
                    + " but its header announces " + headerChunks + " chunks");
        }
        String stale = chunks.staleCounters(headerChunks, headerChunks < 0 ? -1 : Le.i64(header, 24));
        if (stale != null) {
            sink.warn(0, stale);
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
