package dev.th.evtx;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Renders one binary XML value (a substitution value or a value token) as text: strings as
 * they are, integers in decimal, hex32/hex64/size_t as {@code 0x...} lower case, GUIDs as
 * {@code {lower-case}}, SIDs as {@code S-1-...}, FILETIME/SYSTEMTIME as ISO-8601 UTC, binary as
 * upper-case hex, arrays as their items joined by {@link #ARRAY_SEPARATOR}.
 */
final class ValueText {
    /** Between the items of an array value. */
    static final String ARRAY_SEPARATOR = ", ";

    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int BINXML = 0x21;

    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final Charset ANSI = ansiCharset();

    /** The last FILETIME rendered, in ticks (Long.MIN_VALUE when reset), for TimeCreated. */
    long lastFiletime = Long.MIN_VALUE;

    private static Charset ansiCharset() {
        try {
            return Charset.forName("windows-1252");
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Fixed size in bytes of a scalar type, 0 for variable-size types, -1 when unknown. */
    static int fixedSize(int type) {
        switch (type) {
            case 0x03: case 0x04: return 1;
            case 0x05: case 0x06: return 2;
            case 0x07: case 0x08: case 0x0b: case 0x0d: case 0x14: return 4;
            case 0x09: case 0x0a: case 0x0c: case 0x11: case 0x15: return 8;
            case 0x0f: case 0x12: return 16;
            case 0x00: case 0x01: case 0x02: case 0x0e: case 0x10: case 0x13: case 0x20: case 0x21: case 0x23:
                return 0;
            default: return -1;
        }
    }

    private final StringBuilder scratch = new StringBuilder(64);

    /** The value of {@code type} stored in {@code b[off, off+size)} as text. */
    String text(byte[] b, int off, int size, int type) {
        switch (type) {
            case 0x01, 0x23:
                return utf16(b, off, size >>> 1, true);
            case 0x04:
                return Integer.toString(b[need(off, size, 1, type)] & 0xff);
            case 0x06:
                return Integer.toString(Le.u16(b, need(off, size, 2, type)));
            case 0x07:
                return Integer.toString(Le.i32(b, need(off, size, 4, type)));
            case 0x08:
                return Long.toString(Le.u32(b, need(off, size, 4, type)));
            case 0x09:
                return Long.toString(Le.i64(b, need(off, size, 8, type)));
            default:
                scratch.setLength(0);
                append(scratch, b, off, size, type);
                return scratch.toString();
        }
    }

    /** UTF-16LE to a String in one pass; trailing NULs dropped when asked. */
    static String utf16(byte[] b, int off, int chars, boolean stripNul) {
        int n = chars;
        if (stripNul) {
            while (n > 0 && b[off + 2 * n - 2] == 0 && b[off + 2 * n - 1] == 0) {
                n--;
            }
        }
        if (n == 0) {
            return "";
        }
        char[] c = new char[n];
        for (int i = 0, p = off; i < n; i++, p += 2) {
            c[i] = (char) ((b[p] & 0xff) | (b[p + 1] << 8));
        }
        return new String(c);
    }

    /** Appends the value of {@code type} stored in {@code b[off, off+size)}. */
    void append(StringBuilder sb, byte[] b, int off, int size, int type) {
        if ((type & 0x80) != 0) {
            appendArray(sb, b, off, size, type & 0x7f);
            return;
        }
        switch (type) {
            case 0x00 -> { }
            case 0x01, 0x23 -> appendUtf16(sb, b, off, size >>> 1, true);
            case 0x02 -> appendAnsi(sb, b, off, size);
            case 0x03 -> sb.append((int) b[need(off, size, 1, type)]);
            case 0x04 -> sb.append(b[need(off, size, 1, type)] & 0xff);
            case 0x05 -> sb.append((int) Le.i16(b, need(off, size, 2, type)));
            case 0x06 -> sb.append(Le.u16(b, need(off, size, 2, type)));
            case 0x07 -> sb.append(Le.i32(b, need(off, size, 4, type)));
            case 0x08 -> sb.append(Le.u32(b, need(off, size, 4, type)));
            case 0x09 -> sb.append(Le.i64(b, need(off, size, 8, type)));
            case 0x0a -> sb.append(Long.toUnsignedString(Le.i64(b, need(off, size, 8, type))));
            case 0x0b -> sb.append(Float.intBitsToFloat(Le.i32(b, need(off, size, 4, type))));
            case 0x0c -> sb.append(Double.longBitsToDouble(Le.i64(b, need(off, size, 8, type))));
            case 0x0d -> sb.append(boolValue(b, off, size));
            case 0x0e -> appendHex(sb, b, off, size);
            case 0x0f -> appendGuid(sb, b, need(off, size, 16, type));
            case 0x10, 0x20 -> appendSizeT(sb, b, off, size, type);
            case 0x11 -> {
                long ticks = Le.i64(b, need(off, size, 8, type));
                lastFiletime = ticks;
                TimeText.appendFiletime(sb, ticks);
            }
            case 0x12 -> appendSystemtime(sb, b, need(off, size, 16, type));
            case 0x13 -> appendSid(sb, b, off, size);
            case 0x14 -> appendHexInt(sb, Le.u32(b, need(off, size, 4, type)));
            case 0x15 -> appendHexInt(sb, Le.i64(b, need(off, size, 8, type)));
            default -> throw new DecodeException("unknown value type " + Le.hex(type) + " (" + size + " bytes)");
        }
    }

    private static int need(int off, int size, int n, int type) {
        if (size < n) {
            throw new DecodeException("value of type " + Le.hex(type) + " has " + size + " bytes, needs " + n);
        }
        return off;
    }

    private static String boolValue(byte[] b, int off, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= b[off + i];
        }
        return v != 0 ? "true" : "false";
    }

    private void appendArray(StringBuilder sb, byte[] b, int off, int size, int type) {
        if (type == 0x01 || type == 0x02) {
            int unit = type == 0x01 ? 2 : 1;
            int end = off + size;
            int start = off;
            boolean first = true;
            for (int p = off; p + unit <= end; p += unit) {
                boolean nul = unit == 2 ? b[p] == 0 && b[p + 1] == 0 : b[p] == 0;
                if (nul) {
                    first = appendArrayItem(sb, b, start, p - start, type, first);
                    start = p + unit;
                }
            }
            if (start < end) {
                appendArrayItem(sb, b, start, end - start, type, first);
            }
            return;
        }
        if (type == 0x13) {
            boolean first = true;
            int p = off;
            while (p + 8 <= off + size) {
                int len = 8 + 4 * Le.u8(b, p + 1);
                first = appendArrayItem(sb, b, p, Math.min(len, off + size - p), type, first);
                p += len;
            }
            return;
        }
        int unit = fixedSize(type);
        if (type == 0x10) {
            unit = size % 8 == 0 ? 8 : 4;
        }
        if (unit <= 0) {
            throw new DecodeException("array of value type " + Le.hex(type) + " is not supported");
        }
        boolean first = true;
        for (int p = off; p + unit <= off + size; p += unit) {
            first = appendArrayItem(sb, b, p, unit, type, first);
        }
    }

    private boolean appendArrayItem(StringBuilder sb, byte[] b, int off, int size, int type, boolean first) {
        if (!first) {
            sb.append(ARRAY_SEPARATOR);
        }
        append(sb, b, off, size, type);
        return false;
    }

    /** UTF-16LE code units straight into the builder; trailing NULs dropped when asked. */
    static void appendUtf16(StringBuilder sb, byte[] b, int off, int chars, boolean stripNul) {
        int n = chars;
        if (stripNul) {
            while (n > 0 && b[off + 2 * n - 2] == 0 && b[off + 2 * n - 1] == 0) {
                n--;
            }
        }
        for (int i = 0, p = off; i < n; i++, p += 2) {
            sb.append((char) ((b[p] & 0xff) | (b[p + 1] << 8)));
        }
    }

    private static void appendAnsi(StringBuilder sb, byte[] b, int off, int size) {
        int n = size;
        while (n > 0 && b[off + n - 1] == 0) {
            n--;
        }
        sb.append(new String(b, off, n, ANSI));
    }

    static void appendHex(StringBuilder sb, byte[] b, int off, int size) {
        for (int i = 0; i < size; i++) {
            int v = b[off + i] & 0xff;
            sb.append(HEX_UPPER[v >>> 4]).append(HEX_UPPER[v & 15]);
        }
    }

    private static void appendHexInt(StringBuilder sb, long v) {
        sb.append("0x").append(Long.toHexString(v));
    }

    private static void appendSizeT(StringBuilder sb, byte[] b, int off, int size, int type) {
        if (size == 4) {
            appendHexInt(sb, Le.u32(b, off));
        } else if (size == 8) {
            appendHexInt(sb, Le.i64(b, off));
        } else {
            throw new DecodeException("value of type " + Le.hex(type) + " has " + size + " bytes, needs 4 or 8");
        }
    }

    /** {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, lower case (Data1..3 little-endian). */
    static void appendGuid(StringBuilder sb, byte[] b, int off) {
        sb.append('{');
        hexLe(sb, b, off, 4);
        sb.append('-');
        hexLe(sb, b, off + 4, 2);
        sb.append('-');
        hexLe(sb, b, off + 6, 2);
        sb.append('-');
        hexBe(sb, b, off + 8, 2);
        sb.append('-');
        hexBe(sb, b, off + 10, 6);
        sb.append('}');
    }

    private static void hexLe(StringBuilder sb, byte[] b, int off, int n) {
        for (int i = n - 1; i >= 0; i--) {
            int v = b[off + i] & 0xff;
            sb.append(HEX_LOWER[v >>> 4]).append(HEX_LOWER[v & 15]);
        }
    }

    private static void hexBe(StringBuilder sb, byte[] b, int off, int n) {
        for (int i = 0; i < n; i++) {
            int v = b[off + i] & 0xff;
            sb.append(HEX_LOWER[v >>> 4]).append(HEX_LOWER[v & 15]);
        }
    }

    private static void appendSystemtime(StringBuilder sb, byte[] b, int off) {
        TimeText.appendSystemtime(sb, Le.u16(b, off), Le.u16(b, off + 2), Le.u16(b, off + 6),
                Le.u16(b, off + 8), Le.u16(b, off + 10), Le.u16(b, off + 12), Le.u16(b, off + 14));
    }

    /** S-revision-authority-sub1-sub2...; the authority is 48-bit big-endian. */
    private static void appendSid(StringBuilder sb, byte[] b, int off, int size) {
        if (size < 8) {
            throw new DecodeException("SID value has " + size + " bytes, needs at least 8");
        }
        int count = Le.u8(b, off + 1);
        if (8 + 4 * count > size) {
            throw new DecodeException("SID value announces " + count + " sub-authorities in " + size + " bytes");
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (b[off + i] & 0xff);
        }
        sb.append("S-").append(Le.u8(b, off)).append('-').append(authority);
        for (int i = 0; i < count; i++) {
            sb.append('-').append(Le.u32(b, off + 8 + 4 * i));
        }
    }
}
