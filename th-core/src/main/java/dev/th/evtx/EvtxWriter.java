package dev.th.evtx;

import dev.th.event.RawEvent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * Writes events as a Windows XML Event Log (EVTX) file, the format {@link EvtxReader} reads: a
 * file header, then 64 KiB chunks, each filled with as many records as fit, each record binary
 * XML with templates (see {@link RecordEncoder}), every checksum valid. Records are numbered 1,
 * 2, ... in the order written, and that number is also each record's EventRecordID (as Windows
 * numbers a log): an event's own EventRecordID field is not kept. The time written is the
 * event's {@link RawEvent#time()} (to 100 ns), its computer, channel, provider and event id its
 * typed header; every other field is kept by its name, with its text.
 *
 * <p>A record too large for one chunk (a value of more than 32,767 characters, or more than
 * about 64 KiB in all) is refused with {@link IllegalArgumentException}; nothing else of the
 * file is lost. The file header (chunk count, next record id) is written by {@link #close}: a
 * file not closed has a header that announces no chunk, which readers flag. Not thread-safe.
 */
public final class EvtxWriter implements Closeable {
    private final FileChannel out;
    private final ChunkWriter chunk = new ChunkWriter();
    private final RecordEncoder encoder = new RecordEncoder();
    private long next = 1;
    private long chunks;
    private long bytes;
    private boolean closed;

    /** Creates (or truncates) {@code file}. */
    public EvtxWriter(Path file) throws IOException {
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        write(ByteBuffer.wrap(new byte[EvtxLayout.FILE_HEADER_SIZE]));
    }

    /**
     * Appends {@code e} as the next record.
     *
     * @return its record number (and EventRecordID)
     * @throws IllegalArgumentException when the record does not fit into a chunk (nothing written)
     */
    public long write(RawEvent e) throws IOException {
        if (closed) {
            throw new IllegalStateException("the EVTX writer is closed");
        }
        if (!tryWrite(e)) {
            if (chunk.records() == 0) {
                throw tooLarge(e);
            }
            flushChunk();
            if (!tryWrite(e)) {
                throw tooLarge(e);
            }
        }
        return next++;
    }

    /** False when the chunk is full; a value no record can hold is refused at once. */
    private boolean tryWrite(RawEvent e) {
        chunk.beginRecord();
        try {
            encoder.write(chunk, e, next);
        } catch (ChunkWriter.Full full) {
            chunk.rollback();
            return false;
        } catch (IllegalArgumentException tooBig) {
            chunk.rollback();
            throw tooLarge(e);
        }
        chunk.endRecord(next, next);
        return true;
    }

    private static IllegalArgumentException tooLarge(RawEvent e) {
        return new IllegalArgumentException("event " + e.channel() + " " + e.eventId() + " at " + e.time()
                + " does not fit into one 64 KiB EVTX chunk (a value of more than 32,767 characters, or"
                + " more than about 64 KiB of binary XML); not written");
    }

    /** Records written so far. */
    public long records() {
        return next - 1;
    }

    /** Bytes of the file so far (header and whole chunks; the open chunk is counted once written). */
    public long bytes() {
        return bytes;
    }

    private void flushChunk() throws IOException {
        chunk.finish();
        write(ByteBuffer.wrap(chunk.b));
        chunks++;
        chunk.reset();
    }

    private void write(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            bytes += out.write(buf);
        }
    }

    /** Writes the last chunk and the file header, and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (chunk.records() > 0) {
                flushChunk();
            }
            byte[] h = new byte[128];
            System.arraycopy(EvtxLayout.FILE_MAGIC, 0, h, 0, 8);
            le64(h, 8, 0);
            le64(h, 16, Math.max(0, chunks - 1));
            le64(h, 24, next);
            le32(h, 32, 128);
            le16(h, 36, 1);
            le16(h, 38, 3);
            le16(h, 40, EvtxLayout.FILE_HEADER_SIZE);
            le16(h, 42, (int) chunks);
            CRC32 crc = new CRC32();
            crc.update(h, 0, 120);
            le32(h, 124, (int) crc.getValue());
            ByteBuffer buf = ByteBuffer.wrap(h);
            long at = 0;
            while (buf.hasRemaining()) {
                at += out.write(buf, at);
            }
        } finally {
            out.close();
        }
    }

    private static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int at, int v) {
        le16(b, at, v);
        le16(b, at + 2, v >>> 16);
    }

    private static void le64(byte[] b, int at, long v) {
        le32(b, at, (int) v);
        le32(b, at + 4, (int) (v >>> 32));
    }
}
