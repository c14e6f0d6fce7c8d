package dev.th.geo;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The autonomous system of an address. {@link #compile} turns the ASN package's numeric CSV files
 * ({@code start,end,asn,owner}: inclusive, ascending, disjoint ranges of addresses as numbers)
 * into one binary file, once at install; {@link #open} maps that file and finds a range by binary
 * search, with nothing to parse at start-up. Layout (big-endian): the magic {@code THASN001}; the
 * counts of IPv4 ranges, IPv6 ranges and systems (3 ints); the IPv4 ranges (start, end, system:
 * 3 ints); the IPv6 ranges (start and end as two longs each, system: an int); the systems (number
 * as a long, offset and length of the owner's UTF-8 bytes: 2 ints); the owners' bytes.
 */
final class AsnTable {
    /** An autonomous system: number and owner. */
    record As(long number, String owner) {
    }

    private static final byte[] MAGIC = "THASN001".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 12;
    private static final int V4 = 12;
    private static final int V6 = 36;
    private static final int SYSTEM = 16;

    private final ByteBuffer buf;
    private final int n4;
    private final int n6;
    private final int v6At;
    private final int systemsAt;
    private final int namesAt;

    private AsnTable(ByteBuffer buf, int n4, int n6, int systems) {
        this.buf = buf;
        this.n4 = n4;
        this.n6 = n6;
        this.v6At = HEADER + n4 * V4;
        this.systemsAt = v6At + n6 * V6;
        this.namesAt = systemsAt + systems * SYSTEM;
    }

    /** Maps a file {@link #compile} wrote; a file of another layout is an error naming it. */
    static AsnTable open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            byte[] magic = new byte[MAGIC.length];
            if (ch.size() < HEADER) {
                throw new IOException(file + " is not an ASN table of TH (too short)");
            }
            b.get(0, magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not an ASN table of TH (no THASN001 header)");
            }
            int n4 = b.getInt(MAGIC.length);
            int n6 = b.getInt(MAGIC.length + 4);
            int systems = b.getInt(MAGIC.length + 8);
            long min = (long) HEADER + (long) n4 * V4 + (long) n6 * V6 + (long) systems * SYSTEM;
            if (n4 < 0 || n6 < 0 || systems < 0 || min > ch.size()) {
                throw new IOException(file + " is truncated (reinstall it)");
            }
            return new AsnTable(b, n4, n6, systems);
        }
    }

    /** What {@link #compile} read: ranges, and those cut short because the next one started inside them. */
    record Compiled(int ranges, int clipped, int systems) {
    }

    /**
     * Writes the binary table of the IPv4 and IPv6 CSV files to {@code out}. Ranges must start in
     * ascending order; a range that starts inside the previous one ends that one (the CSV files
     * have a few such overlaps).
     */
    static Compiled compile(Path v4csv, Path v6csv, Path out) throws IOException {
        Ranges r4 = read(v4csv, false);
        Ranges r6 = read(v6csv, true);
        Map<String, Integer> systems = new LinkedHashMap<>();
        int[] s4 = r4.systems(systems);
        int[] s6 = r6.systems(systems);
        try (OutputStream os = Files.newOutputStream(out); DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(os, 1 << 16))) {
            d.write(MAGIC);
            d.writeInt(r4.n);
            d.writeInt(r6.n);
            d.writeInt(systems.size());
            for (int i = 0; i < r4.n; i++) {
                d.writeInt((int) r4.startLo[i]);
                d.writeInt((int) r4.endLo[i]);
                d.writeInt(s4[i]);
            }
            for (int i = 0; i < r6.n; i++) {
                d.writeLong(r6.startHi[i]);
                d.writeLong(r6.startLo[i]);
                d.writeLong(r6.endHi[i]);
                d.writeLong(r6.endLo[i]);
                d.writeInt(s6[i]);
            }
            int offset = 0;
            java.util.List<byte[]> names = new java.util.ArrayList<>();
            for (String key : systems.keySet()) {
                int bar = key.indexOf('|');
                byte[] name = key.substring(bar + 1).getBytes(StandardCharsets.UTF_8);
                d.writeLong(Long.parseLong(key.substring(0, bar)));
                d.writeInt(offset);
                d.writeInt(name.length);
                offset += name.length;
                names.add(name);
            }
            for (byte[] n : names) {
                d.write(n);
            }
        }
        return new Compiled(r4.n + r6.n, r4.clipped + r6.clipped, systems.size());
    }

    /** The system whose range holds the address (4 or 16 bytes), or null. */
    As find(byte[] address) {
        int found;
        if (address.length == 4) {
            long a = ((address[0] & 0xFFL) << 24) | ((address[1] & 0xFFL) << 16) | ((address[2] & 0xFFL) << 8) | (address[3] & 0xFFL);
            int lo = 0;
            int top = n4 - 1;
            found = -1;
            while (lo <= top) {
                int mid = (lo + top) >>> 1;
                if ((buf.getInt(HEADER + mid * V4) & 0xFFFFFFFFL) <= a) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    top = mid - 1;
                }
            }
            if (found < 0 || a > (buf.getInt(HEADER + found * V4 + 4) & 0xFFFFFFFFL)) {
                return null;
            }
            return system(buf.getInt(HEADER + found * V4 + 8));
        }
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (address[i] & 0xFFL);
            l = (l << 8) | (address[i + 8] & 0xFFL);
        }
        int lo = 0;
        int top = n6 - 1;
        found = -1;
        while (lo <= top) {
            int mid = (lo + top) >>> 1;
            int at = v6At + mid * V6;
            if (compare(buf.getLong(at), buf.getLong(at + 8), h, l) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                top = mid - 1;
            }
        }
        if (found < 0) {
            return null;
        }
        int at = v6At + found * V6;
        if (compare(h, l, buf.getLong(at + 16), buf.getLong(at + 24)) > 0) {
            return null;
        }
        return system(buf.getInt(at + 32));
    }

    private As system(int i) {
        int at = systemsAt + i * SYSTEM;
        byte[] name = new byte[buf.getInt(at + 12)];
        buf.get(namesAt + buf.getInt(at + 8), name);
        return new As(buf.getLong(at), new String(name, StandardCharsets.UTF_8));
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** The ranges of one CSV file, as primitive arrays; systems kept as "asn|owner" keys. */
    private static final class Ranges {
        int n;
        int clipped;
        long[] startHi = new long[1 << 16];
        long[] startLo = new long[1 << 16];
        long[] endHi = new long[1 << 16];
        long[] endLo = new long[1 << 16];
        String[] system = new String[1 << 16];

        void add(long[] s, long[] e, String sys) {
            if (n == startHi.length) {
                int m = n * 2;
                startHi = Arrays.copyOf(startHi, m);
                startLo = Arrays.copyOf(startLo, m);
                endHi = Arrays.copyOf(endHi, m);
                endLo = Arrays.copyOf(endLo, m);
                system = Arrays.copyOf(system, m);
            }
            startHi[n] = s[0];
            startLo[n] = s[1];
            endHi[n] = e[0];
            endLo[n] = e[1];
            system[n] = sys;
            n++;
        }

        int[] systems(Map<String, Integer> index) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = index.computeIfAbsent(system[i], k -> index.size());
            }
            return out;
        }
    }

    private static Ranges read(Path file, boolean v6) throws IOException {
        Ranges r = new Ranges();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int c1 = line.indexOf(',');
                int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
                int c3 = c2 < 0 ? -1 : line.indexOf(',', c2 + 1);
                if (c3 < 0) {
                    throw new IOException(file + " line " + lineNo + ": expected start,end,asn,owner");
                }
                long[] s;
                long[] e;
                long asn;
                try {
                    s = number(line.substring(0, c1), v6);
                    e = number(line.substring(c1 + 1, c2), v6);
                    asn = Long.parseLong(line.substring(c2 + 1, c3));
                } catch (NumberFormatException x) {
                    throw new IOException(file + " line " + lineNo + ": " + x.getMessage());
                }
                if (compare(s[0], s[1], e[0], e[1]) > 0
                        || r.n > 0 && compare(s[0], s[1], r.startHi[r.n - 1], r.startLo[r.n - 1]) <= 0) {
                    throw new IOException(file + " line " + lineNo + ": ranges are not in ascending order");
                }
                if (r.n > 0 && compare(s[0], s[1], r.endHi[r.n - 1], r.endLo[r.n - 1]) <= 0) {
                    // a range that starts inside the one before: the later, narrower range wins its overlap
                    long lo = s[1] - 1;
                    r.endHi[r.n - 1] = s[1] == 0 ? s[0] - 1 : s[0];
                    r.endLo[r.n - 1] = lo;
                    r.clipped++;
                }
                r.add(s, e, asn + "|" + unquote(line.substring(c3 + 1)));
            }
        }
        return r;
    }

    private static final BigInteger MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static long[] number(String s, boolean v6) {
        BigInteger b = new BigInteger(s.strip());
        if (b.signum() < 0 || b.bitLength() > (v6 ? 128 : 32)) {
            throw new NumberFormatException(s + " is not an IPv" + (v6 ? "6" : "4") + " address number");
        }
        return new long[] {b.shiftRight(64).longValue(), b.and(MASK).longValue()};
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }
}
