package dev.th.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads from a byte array (EVTX stores every integer little-endian). */
final class Le {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Le() {
    }

    static int u8(byte[] b, int p) {
        return b[p] & 0xff;
    }

    static int u16(byte[] b, int p) {
        return ((short) I16.get(b, p)) & 0xffff;
    }

    static short i16(byte[] b, int p) {
        return (short) I16.get(b, p);
    }

    static int i32(byte[] b, int p) {
        return (int) I32.get(b, p);
    }

    static long u32(byte[] b, int p) {
        return ((int) I32.get(b, p)) & 0xffffffffL;
    }

    static long i64(byte[] b, int p) {
        return (long) I64.get(b, p);
    }

    /** {@code 0x1a2b} style, for messages. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
