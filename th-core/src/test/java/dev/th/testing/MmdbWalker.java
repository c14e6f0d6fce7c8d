package dev.th.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny reader of MaxMind DB files written for the tests only, from the format's published
 * description (metadata after the last {@code \xAB\xCD\xEFMaxMind.com}, a binary search tree of
 * {@code node_count} nodes of two records of {@code record_size} bits, a 16-byte separator, then
 * the data section's typed values): an independent path to what the database says, to check
 * TH's reading (MaxMind's {@code Reader}) against.
 */
public final class MmdbWalker {
    private static final byte[] MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private final ByteBuffer b;
    private final long nodeCount;
    private final int recordSize;
    private final int ipVersion;
    private final int dataStart;
    private final Map<String, Object> metadata;

    @SuppressWarnings("unchecked")
    public MmdbWalker(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
        int at = -1;
        for (int i = b.limit() - MARKER.length; i >= 0 && at < 0; i--) {
            boolean match = true;
            for (int j = 0; j < MARKER.length && match; j++) {
                match = b.get(i + j) == MARKER[j];
            }
            if (match) {
                at = i + MARKER.length;
            }
        }
        if (at < 0) {
            throw new IOException(file + ": no MaxMind DB metadata marker");
        }
        metadata = (Map<String, Object>) new Decoder(at).value();
        nodeCount = ((Number) metadata.get("node_count")).longValue();
        recordSize = ((Number) metadata.get("record_size")).intValue();
        ipVersion = ((Number) metadata.get("ip_version")).intValue();
        dataStart = (int) (nodeCount * recordSize * 2 / 8) + 16;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The data record of an address (4 or 16 bytes; IPv4 in an IPv6 tree under ::/96), or null. */
    public Object lookup(byte[] address) {
        byte[] a = address;
        if (a.length == 4 && ipVersion == 6) {
            a = new byte[16];
            System.arraycopy(address, 0, a, 12, 4);
        }
        long node = 0;
        for (int bit = 0; bit < a.length * 8 && node < nodeCount; bit++) {
            int dir = (a[bit >> 3] >> (7 - (bit & 7))) & 1;
            node = record(node, dir);
        }
        if (node == nodeCount) {
            return null;
        }
        if (node < nodeCount) {
            throw new IllegalStateException("search tree deeper than the address");
        }
        int offset = (int) (node - nodeCount - 16);
        return new Decoder(dataStart + offset).value();
    }

    private long record(long node, int dir) {
        switch (recordSize) {
            case 24: {
                int at = (int) (node * 6 + dir * 3);
                return u(at, 3);
            }
            case 28: {
                int at = (int) (node * 7);
                if (dir == 0) {
                    return ((long) (b.get(at + 3) & 0xF0) << 20) | u(at, 3);
                }
                return ((long) (b.get(at + 3) & 0x0F) << 24) | u(at + 4, 3);
            }
            case 32: {
                int at = (int) (node * 8 + dir * 4);
                return u(at, 4);
            }
            default:
                throw new IllegalStateException("record size " + recordSize);
        }
    }

    private long u(int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b.get(at + i) & 0xFF);
        }
        return v;
    }

    /** The data section's values from one position. */
    private final class Decoder {
        int pos;

        Decoder(int pos) {
            this.pos = pos;
        }

        Object value() {
            int ctrl = b.get(pos++) & 0xFF;
            int type = ctrl >> 5;
            if (type == 1) {
                int ss = (ctrl >> 3) & 3;
                int v = ctrl & 7;
                long p;
                switch (ss) {
                    case 0 -> p = ((long) v << 8) | u(pos, 1);
                    case 1 -> p = (((long) v << 16) | u(pos, 2)) + 2048;
                    case 2 -> p = (((long) v << 24) | u(pos, 3)) + 526336;
                    default -> p = u(pos, 4);
                }
                pos += ss + 1;
                int back = pos;
                pos = dataStart + (int) p;
                Object o = value();
                pos = back;
                return o;
            }
            if (type == 0) {
                type = 7 + (b.get(pos++) & 0xFF);
            }
            int size = ctrl & 0x1F;
            if (size == 29) {
                size = 29 + (int) u(pos, 1);
                pos += 1;
            } else if (size == 30) {
                size = 285 + (int) u(pos, 2);
                pos += 2;
            } else if (size == 31) {
                size = 65821 + (int) u(pos, 3);
                pos += 3;
            }
            switch (type) {
                case 2: {
                    byte[] s = new byte[size];
                    b.get(pos, s);
                    pos += size;
                    return new String(s, StandardCharsets.UTF_8);
                }
                case 3: {
                    double d = b.getDouble(pos);
                    pos += 8;
                    return d;
                }
                case 15: {
                    float f = b.getFloat(pos);
                    pos += 4;
                    return f;
                }
                case 4: {
                    pos += size;
                    return "bytes:" + size;
                }
                case 5, 6, 9, 10: {
                    long v = u(pos, size);
                    pos += size;
                    return v;
                }
                case 8: {
                    long v = u(pos, size);
                    pos += size;
                    return (int) v;
                }
                case 7: {
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) {
                        String k = (String) value();
                        m.put(k, value());
                    }
                    return m;
                }
                case 11: {
                    List<Object> l = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        l.add(value());
                    }
                    return l;
                }
                case 14:
                    return size != 0;
                default:
                    throw new IllegalStateException("data type " + type + " at " + (pos - 1));
            }
        }
    }
}
