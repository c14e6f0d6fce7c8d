package dev.th.evtx;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Carves EVTX evidence out of any file (a raw disk image, a memory dump, unallocated space, a
 * page file): streams it once, finds chunks by their signature {@code ElfChnk} at any offset and
 * reads them as a log's chunks are read (a chunk cut short, or running into the next chunk, is
 * read up to its cut), and finds loose records outside chunks by their signature, a plausible
 * size, its copy at the record's end and a binary XML start. Every record passed on is flagged
 * {@link RawEvent#RECOVERED} and keeps the byte offset it was found at; what looks like a record
 * but does not decode is a warning with its offset, never a rejected record.
 *
 * <p>A loose record is decoded with its template when it holds it (the first record of a chunk
 * to use a template defines it inline), or with a template of the same id found in a chunk met
 * earlier in the file ({@link TemplateCache}); else its values are kept with
 * {@link RawEvent#TEMPLATE_LOST}.
 *
 * <p>Identity: the same record is often found more than once (shadow copies, the page file), and
 * records of different logs share record ids; so a carved record's {@code recordId} is a hash of
 * its channel, computer, EventRecordID and time (its EventRecordID stays in its fields), and
 * copies of one record count as duplicates.
 */
public final class Carver implements EventReader {
    /** Bytes examined per refill of the window, beside the 64 KiB a chunk needs ahead. */
    private static final int WINDOW = 4 << 20;

    /** A carver; it holds no state between calls. */
    public Carver() {
    }

    @Override
    public void read(InputStream in, String path, String contentHash, EventSink sink) throws IOException {
        new Scan(in, path, contentHash, sink).run();
    }

    /** One carving pass over one input. */
    private static final class Scan {
        private final InputStream in;
        private final ChunkReader chunks = new ChunkReader();
        private final TemplateCache templates = new TemplateCache();
        private final byte[] buf = new byte[WINDOW + EvtxLayout.CHUNK_SIZE];
        private final byte[] loose = new byte[2 * EvtxLayout.CHUNK_SIZE];
        private long base;
        private int len;
        private boolean eof;
        private long consumedUntil;
        private long chunkCount;

        Scan(InputStream in, String path, String contentHash, EventSink sink) {
            this.in = in;
            chunks.startCarving(path, contentHash, new Identity(sink));
        }

        void run() throws IOException {
            fill();
            int i = 0;
            while (true) {
                int limit = eof ? len - 3 : len - EvtxLayout.CHUNK_SIZE;
                byte[] b = buf;
                while (i < limit) {
                    if (i + 8 <= limit && !mayStartHere(Le.i64(b, i))) {
                        i += 8; // none of these 8 bytes is 'E' or '*': no signature starts in them
                        continue;
                    }
                    byte x = b[i];
                    if (x == 'E') {
                        i = chunkAt(i);
                    } else if (x == 0x2a && b[i + 1] == 0x2a && b[i + 2] == 0 && b[i + 3] == 0) {
                        i = recordAt(i);
                    } else {
                        i++;
                    }
                }
                if (eof) {
                    return;
                }
                System.arraycopy(buf, i, buf, 0, len - i);
                base += i;
                len -= i;
                i = 0;
                fill();
            }
        }

        /** Whether one of the 8 bytes of {@code w} is 'E' (0x45) or '*' (0x2a), the first bytes of the signatures. */
        private static boolean mayStartHere(long w) {
            long a = w ^ 0x2a2a2a2a2a2a2a2aL;
            long e = w ^ 0x4545454545454545L;
            return ((((a - 0x0101010101010101L) & ~a) | ((e - 0x0101010101010101L) & ~e)) & 0x8080808080808080L) != 0;
        }

        private void fill() throws IOException {
            int want = buf.length - len;
            int n = in.readNBytes(buf, len, want);
            len += n;
            if (n < want) {
                eof = true;
            }
        }

        /** A chunk when {@code ElfChnk\0} starts at {@code i}: read; returns where scanning goes on. */
        private int chunkAt(int i) {
            if (i + 8 > len || !EvtxLayout.startsWith(buf, i, 8, EvtxLayout.CHUNK_MAGIC)) {
                return i + 1;
            }
            int avail = Math.min(EvtxLayout.CHUNK_SIZE, len - i);
            int next = indexOfChunk(i + 8, i + avail);
            if (next >= 0) {
                avail = next - i; // cut short: the next chunk starts inside it
            }
            byte[] c = chunks.chunkBuffer;
            System.arraycopy(buf, i, c, 0, avail);
            if (avail < EvtxLayout.CHUNK_SIZE) {
                java.util.Arrays.fill(c, avail, EvtxLayout.CHUNK_SIZE, (byte) 0);
            }
            chunks.read(c, avail, chunkCount++, base + i);
            if (avail >= EvtxLayout.CHUNK_HEADER_SIZE) {
                templates.register(c, avail);
            }
            consumedUntil = base + i + avail;
            return i + avail;
        }

        private int indexOfChunk(int from, int to) {
            for (int j = from; j + 8 <= to; j++) {
                if (buf[j] == 'E' && EvtxLayout.startsWith(buf, j, 8, EvtxLayout.CHUNK_MAGIC)) {
                    return j;
                }
            }
            return -1;
        }

        /** A loose record when one starts at {@code i} outside every chunk read; returns where scanning goes on. */
        private int recordAt(int i) {
            if (base + i < consumedUntil) {
                return i + 1;
            }
            int size = ChunkReader.plausibleRecord(buf, i, len);
            if (size == 0 || i + EvtxLayout.RECORD_HEADER_SIZE + 14 > len) {
                return i + 1;
            }
            if (decodeLoose(i, size)) {
                consumedUntil = base + i + size;
                return i + size;
            }
            return i + 1;
        }

        /**
         * Lays the loose record at {@code buf[i, i + size)} into a chunk image and decodes it: at
         * the offset its inline template says it had, or behind a copy of the chunk that holds its
         * template, or alone (its template lost).
         */
        private boolean decodeLoose(int i, int size) {
            int body = i + EvtxLayout.RECORD_HEADER_SIZE;
            long offset = base + i;
            int instance = body + 4;
            if (buf[instance] != 0x0c) {
                return place(i, size, EvtxLayout.RECORDS_START, offset); // no template: names inline or lost
            }
            int defOff = Le.i32(buf, instance + 6);
            int templateId = Le.i32(buf, instance + 2);
            boolean inline = instance + 10 + 28 <= i + size && Le.i32(buf, instance + 10 + 4) == templateId
                    && Le.i32(buf, instance + 10 + 24) == 0x0001010f;
            int at = defOff - (EvtxLayout.RECORD_HEADER_SIZE + 4 + 10);
            if (inline && at >= EvtxLayout.RECORDS_START && at + size <= EvtxLayout.CHUNK_SIZE) {
                return place(i, size, at, offset); // its template is inline: it sat at that offset
            }
            TemplateCache.Entry t = inline ? null : templates.find(templateId);
            if (t != null && size <= EvtxLayout.CHUNK_SIZE) {
                System.arraycopy(t.chunk(), 0, loose, 0, EvtxLayout.CHUNK_SIZE);
                int p = EvtxLayout.CHUNK_SIZE;
                System.arraycopy(buf, i, loose, p, size);
                java.nio.ByteBuffer.wrap(loose).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putInt(p + EvtxLayout.RECORD_HEADER_SIZE + 4 + 6, t.offset());
                return chunks.readLoose(loose, p + size, p, size, offset);
            }
            // alone: where its instance's definition offset cannot be taken for an inline one
            int alone = at == EvtxLayout.RECORDS_START ? EvtxLayout.RECORDS_START + 8 : EvtxLayout.RECORDS_START;
            return place(i, size, alone, offset);
        }

        private boolean place(int i, int size, int at, long offset) {
            java.util.Arrays.fill(loose, 0, EvtxLayout.CHUNK_SIZE, (byte) 0);
            System.arraycopy(buf, i, loose, at, size);
            return chunks.readLoose(loose, EvtxLayout.CHUNK_SIZE, at, size, offset);
        }
    }

    /** Gives each carved record the identity described in the class comment. */
    private static final class Identity implements EventSink {
        private final EventSink sink;
        private final MessageDigest md;

        Identity(EventSink sink) {
            this.sink = sink;
            try {
                this.md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        @Override
        public void accept(RawEvent e) {
            String key = e.channel() + "\n" + e.computer() + "\n" + e.fields().get("EventRecordID") + "\n" + e.recordId()
                    + "\n" + e.time();
            byte[] d = md.digest(key.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int k = 0; k < 8; k++) {
                id = (id << 8) | (d[k] & 0xff);
            }
            sink.accept(new RawEvent(e.source(), id & Long.MAX_VALUE, e.time(), e.provider(), e.channel(), e.eventId(),
                    e.computer(), e.fields(), e.flags() | RawEvent.RECOVERED));
        }

        @Override
        public void reject(long offset, long records, String reason) {
            sink.warn(offset, "fragment: " + reason);
        }

        @Override
        public void warn(long offset, String message) {
            sink.warn(offset, message);
        }
    }
}
