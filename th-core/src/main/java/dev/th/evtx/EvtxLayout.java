package dev.th.evtx;

/** Sizes, offsets and signatures of the EVTX file format (libyal's libevtx documentation). */
final class EvtxLayout {
    static final int FILE_HEADER_SIZE = 4096;
    static final int CHUNK_SIZE = 65536;
    static final int CHUNK_HEADER_SIZE = 512;
    static final int RECORDS_START = 512;
    static final int RECORD_HEADER_SIZE = 24;
    static final int RECORD_MIN_SIZE = 28;
    static final int RECORD_SIGNATURE = 0x00002a2a;

    static final byte[] FILE_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    static final byte[] CHUNK_MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    private EvtxLayout() {
    }

    static boolean startsWith(byte[] b, int off, int len, byte[] magic) {
        if (len < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[off + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
