package dev.th.lake;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads chunks {@code [from, to)} of an EVTX file with TH's own EVTX reader, so that one large
 * file is ingested by several Spark tasks. What concerns the file as a whole (its header, where
 * it ends) is reported once: the header by the range that starts at chunk 0, the end by the last
 * range (the others stop reading at their last chunk). The header's stale-counter warning, which
 * needs every chunk, is not given.
 *
 * @param last whether the range ends with the file's last chunk
 */
record ChunkRange(long from, long to, boolean last) implements EventReader {
    /** An EVTX file's header and chunk sizes. */
    static final int HEADER = 4096;
    static final int CHUNK = 65536;

    /** The chunks of an EVTX file of {@code size} bytes (the last one may be cut short). */
    static long chunks(long size) {
        return size <= HEADER ? 0 : (size - HEADER + CHUNK - 1) / CHUNK;
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        EvtxReader reader = new EvtxReader();
        EvtxReader.FileCheck check = new EvtxReader.FileCheck();
        FileLevel fileSink = new FileLevel(sink, from == 0, last);
        byte[] buffer = new byte[CHUNK];
        InputStream body = last ? in : new Limited(in, HEADER + to * CHUNK);
        reader.split(body, path, fileSink, new EvtxReader.ChunkHandler() {
            @Override
            public byte[] buffer() {
                return buffer;
            }

            @Override
            public void chunk(byte[] chunk, int length, long index, long fileOffset) {
                fileSink.chunks = true;
                if (index >= from && index < to) {
                    reader.decodeChunk(chunk, length, index, fileOffset, path, contentHash, sink, check);
                }
            }
        }, check);
    }

    /** The file-level messages: the header's before the first chunk, the end's after the last. */
    private static final class FileLevel implements EventSink {
        private final EventSink sink;
        private final boolean first;
        private final boolean last;
        boolean chunks;

        FileLevel(EventSink sink, boolean first, boolean last) {
            this.sink = sink;
            this.first = first;
            this.last = last;
        }

        private boolean mine() {
            return chunks ? last : first;
        }

        @Override
        public void accept(RawEvent event) {
            sink.accept(event);
        }

        @Override
        public void reject(long offset, long records, String reason) {
            if (mine()) {
                sink.reject(offset, records, reason);
            }
        }

        @Override
        public void warn(long offset, String message) {
            if (mine()) {
                sink.warn(offset, message);
            }
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class Limited extends java.io.FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            left -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(0, n);
            return n;
        }
    }
}
