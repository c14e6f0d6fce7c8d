package dev.th.evtx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * Test helper: lays records out in one 64 KiB chunk (record header, binary XML written by the
 * caller through {@link #xml}, size copy), then writes the chunk header with its checksums, and
 * puts chunks behind a file header, as the libevtx documentation describes them.
 */
final class ChunkImage {
    final BinXmlWriter xml = new BinXmlWriter(EvtxLayout.RECORDS_START);
    private int recordStart = -1;
    private long firstId = -1;
    private long lastId = -1;
    private int lastRecordOffset;

    /** Starts a record; write its binary XML through {@link #xml}, then {@link #endRecord}. */
    ChunkImage beginRecord(long id, long filetime) {
        ByteBuffer b = xml.b;
        recordStart = b.position();
        b.putInt(EvtxLayout.RECORD_SIGNATURE).putInt(0).putLong(id).putLong(filetime);
        if (firstId < 0) {
            firstId = id;
        }
        lastId = id;
        lastRecordOffset = recordStart;
        return this;
    }

    ChunkImage endRecord() {
        ByteBuffer b = xml.b;
        int size = b.position() + 4 - recordStart;
        b.putInt(size);
        b.putInt(recordStart + 4, size);
        return this;
    }

    /** The chunk with its header; its free-space offset is where the last record ends. */
    byte[] finish() {
        return finish(xml.pos());
    }

    /** The chunk with its header and the given free-space offset. */
    byte[] finish(int freeSpace) {
        byte[] c = xml.b.array().clone();
        ByteBuffer h = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        h.put(0, EvtxLayout.CHUNK_MAGIC);
        h.putLong(8, firstId).putLong(16, lastId).putLong(24, firstId).putLong(32, lastId);
        h.putInt(40, 128).putInt(44, lastRecordOffset).putInt(48, freeSpace);
        CRC32 crc = new CRC32();
        crc.update(c, EvtxLayout.RECORDS_START, freeSpace - EvtxLayout.RECORDS_START);
        h.putInt(52, (int) crc.getValue());
        resealHeader(c, 0);
        return c;
    }

    /** Recomputes the header CRC32 of the chunk at {@code at} after its header was edited. */
    static void resealHeader(byte[] file, int at) {
        CRC32 crc = new CRC32();
        crc.update(file, at, 120);
        crc.update(file, at + 128, EvtxLayout.CHUNK_HEADER_SIZE - 128);
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 124, (int) crc.getValue());
    }

    /** A file header for {@code chunks} chunks, then the chunks. */
    static byte[] file(long nextRecordId, byte[]... chunks) {
        ByteBuffer h = ByteBuffer.allocate(EvtxLayout.FILE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put(EvtxLayout.FILE_MAGIC);
        h.putLong(8, 0).putLong(16, chunks.length - 1).putLong(24, nextRecordId);
        h.putInt(32, 128).putShort(36, (short) 1).putShort(38, (short) 3).putShort(40, (short) 4096)
                .putShort(42, (short) chunks.length);
        CRC32 crc = new CRC32();
        crc.update(h.array(), 0, 120);
        h.putInt(124, (int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }
}
