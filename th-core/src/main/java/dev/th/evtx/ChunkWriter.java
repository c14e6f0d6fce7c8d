package dev.th.evtx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * One 64 KiB chunk being written: its bytes, the names and template definitions already stored
 * in it (each stored once per chunk, at its first use, and referenced by offset afterwards, as
 * Windows does), and its header, filled in by {@link #finish}. A record that does not fit is
 * undone whole by {@link #rollback}: the chunk is then as before the record began.
 */
final class ChunkWriter {
    /** Thrown when the chunk is full; the record being written is rolled back. */
    static final class Full extends RuntimeException {
        Full() {
            super("chunk full", null, false, false);
        }
    }

    private static final Full FULL = new Full();
    /**
     * Records end at least this many bytes before the chunk's end: libevtx (evtxinfo,
     * evtxexport) does not read a record that ends exactly at the chunk's last byte.
     */
    private static final int END_MARGIN = 8;

    final byte[] b = new byte[EvtxLayout.CHUNK_SIZE];
    private int pos = EvtxLayout.RECORDS_START;
    private final Map<String, Integer> names = new HashMap<>();
    private final Map<String, Integer> templates = new HashMap<>();
    private final List<String> newNames = new ArrayList<>();
    private final List<String> newTemplates = new ArrayList<>();
    private final int[] stringBuckets = new int[64];
    private final int[] templateBuckets = new int[32];
    private int recordStart;
    private long firstNumber = -1;
    private long lastNumber;
    private long firstId;
    private long lastId;
    private int lastRecordOffset;
    private int records;

    /** Empties the chunk for reuse. */
    void reset() {
        java.util.Arrays.fill(b, (byte) 0);
        pos = EvtxLayout.RECORDS_START;
        names.clear();
        templates.clear();
        java.util.Arrays.fill(stringBuckets, 0);
        java.util.Arrays.fill(templateBuckets, 0);
        firstNumber = -1;
        records = 0;
    }

    int records() {
        return records;
    }

    int pos() {
        return pos;
    }

    /** Starts a record at the current position. */
    void beginRecord() {
        recordStart = pos;
        newNames.clear();
        newTemplates.clear();
    }

    /** The record begun last is complete: it is the chunk's last. */
    void endRecord(long number, long id) {
        if (firstNumber < 0) {
            firstNumber = number;
            firstId = id;
        }
        lastNumber = number;
        lastId = id;
        lastRecordOffset = recordStart;
        records++;
        for (String t : newTemplates) {
            int off = templates.get(t);
            int bucket = Math.floorMod(Le.i32(b, off + 4), 32);
            if (templateBuckets[bucket] == 0) {
                templateBuckets[bucket] = off;
            }
        }
        for (String n : newNames) {
            int off = names.get(n);
            int bucket = Le.u16(b, off + 4) % 64;
            put32At(off, stringBuckets[bucket]);
            stringBuckets[bucket] = off;
        }
    }

    /** Undoes the record begun last: its bytes, names and templates. */
    void rollback() {
        java.util.Arrays.fill(b, recordStart, pos, (byte) 0);
        pos = recordStart;
        for (String n : newNames) {
            names.remove(n);
        }
        for (String t : newTemplates) {
            templates.remove(t);
        }
    }

    private void need(int n) {
        if (pos + n > EvtxLayout.CHUNK_SIZE - END_MARGIN) {
            throw FULL;
        }
    }

    void put8(int v) {
        need(1);
        b[pos++] = (byte) v;
    }

    void put16(int v) {
        need(2);
        b[pos++] = (byte) v;
        b[pos++] = (byte) (v >>> 8);
    }

    void put32(int v) {
        need(4);
        put32At(pos, v);
        pos += 4;
    }

    void put64(long v) {
        put32((int) v);
        put32((int) (v >>> 32));
    }

    void put(byte[] bytes) {
        need(bytes.length);
        System.arraycopy(bytes, 0, b, pos, bytes.length);
        pos += bytes.length;
    }

    /** UTF-16 little-endian, no terminator. */
    void utf16(String s) {
        need(2 * s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[pos++] = (byte) c;
            b[pos++] = (byte) (c >>> 8);
        }
    }

    void put32At(int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    void put16At(int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    /**
     * A name reference: the offset of the name when the chunk holds it, else the name itself
     * stored right after the reference (the offset then points just past itself).
     */
    void name(String name) {
        Integer at = names.get(name);
        if (at != null) {
            put32(at);
            return;
        }
        int off = pos + 4;
        put32(off);
        put32(0);
        put16(hash(name));
        put16(name.length());
        utf16(name);
        put16(0);
        names.put(name, off);
        newNames.add(name);
    }

    /** The offset of the template definition stored under {@code key}, or -1. */
    int template(String key) {
        Integer at = templates.get(key);
        return at == null ? -1 : at;
    }

    /** A template definition stored under {@code key} starts at {@code offset}. */
    void addTemplate(String key, int offset) {
        templates.put(key, offset);
        newTemplates.add(key);
    }

    /** The 16-bit hash EVTX keeps beside a name: h = h * 65599 + each UTF-16 unit. */
    static int hash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = h * 65599 + s.charAt(i);
        }
        return h & 0xffff;
    }

    /** Fills in the chunk header (record numbers, offsets, tables, both checksums). */
    void finish() {
        System.arraycopy(EvtxLayout.CHUNK_MAGIC, 0, b, 0, 8);
        putLongAt(8, firstNumber);
        putLongAt(16, lastNumber);
        putLongAt(24, firstId);
        putLongAt(32, lastId);
        put32At(40, 128);
        put32At(44, lastRecordOffset);
        put32At(48, pos);
        CRC32 crc = new CRC32();
        crc.update(b, EvtxLayout.RECORDS_START, pos - EvtxLayout.RECORDS_START);
        put32At(52, (int) crc.getValue());
        put32At(120, 1);
        for (int i = 0; i < 64; i++) {
            put32At(128 + 4 * i, stringBuckets[i]);
        }
        for (int i = 0; i < 32; i++) {
            put32At(384 + 4 * i, templateBuckets[i]);
        }
        crc.reset();
        crc.update(b, 0, 120);
        crc.update(b, 128, EvtxLayout.CHUNK_HEADER_SIZE - 128);
        put32At(124, (int) crc.getValue());
    }

    private void putLongAt(int at, long v) {
        put32At(at, (int) v);
        put32At(at + 4, (int) (v >>> 32));
    }

}
