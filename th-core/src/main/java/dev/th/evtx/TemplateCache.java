package dev.th.evtx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Templates of the chunks met while carving, by template id (the first 4 bytes of its GUID), so
 * that a loose record found later can be decoded with its template: a copy of the chunk that
 * defines it and the definition's offset in it. Bounded: the chunks of the most recent
 * {@link #MAX_CHUNKS} chunks are kept (a few MiB).
 */
final class TemplateCache {
    static final int MAX_CHUNKS = 64;
    /** The chunk header's table of template definitions: 32 offsets at 0x180. */
    private static final int TABLE = 0x180;

    record Entry(byte[] chunk, int offset) {
    }

    private final Map<Integer, Entry> byId = new LinkedHashMap<>();
    private final LinkedHashMap<byte[], Boolean> chunks = new LinkedHashMap<>();

    /** Registers the templates the chunk {@code c[0, avail)} defines. */
    void register(byte[] c, int avail) {
        byte[] copy = null;
        for (int t = 0; t < 32; t++) {
            int off = Le.i32(c, TABLE + 4 * t);
            for (int hops = 0; off >= EvtxLayout.RECORDS_START && off + 28 <= avail && hops < 256; hops++) {
                int size = Le.i32(c, off + 20);
                if (size < 4 || off + 24L + size > avail || Le.i32(c, off + 24) != 0x0001010f) {
                    break;
                }
                int id = Le.i32(c, off + 4);
                if (!byId.containsKey(id)) {
                    if (copy == null) {
                        copy = c.clone();
                        chunks.put(copy, Boolean.TRUE);
                    }
                    byId.put(id, new Entry(copy, off));
                }
                off = Le.i32(c, off);
            }
        }
        if (chunks.size() > MAX_CHUNKS) {
            byte[] oldest = chunks.keySet().iterator().next();
            chunks.remove(oldest);
            byId.values().removeIf(e -> e.chunk() == oldest);
        }
    }

    /** The template of this id, or null. */
    Entry find(int id) {
        return byId.get(id);
    }
}
