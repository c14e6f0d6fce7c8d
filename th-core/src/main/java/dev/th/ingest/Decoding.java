package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.normalize.Normalizer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads one input into {@link Segment}s and hands them, decoded and normalized, to the calling
 * thread in input order. An EVTX file is cut into its chunks, which are independent: each is
 * decoded on a pool of decoding threads; other formats are read on one reading thread and cut
 * every {@value #BATCH} records, each batch normalized on the pool. At most a few segments per
 * decoding thread are in flight, so memory does not grow with the input. With no threads
 * everything runs on the calling thread.
 */
final class Decoding implements AutoCloseable {
    /** Records per segment for readers that are not cut into chunks. */
    static final int BATCH = 256;
    private static final Segment END = new Segment();

    /** Receives the segments of an input in order, on the calling thread. */
    interface Consumer {
        void segment(Segment s);
    }

    /** What the segments need to be prepared on the decoding threads. */
    record Preparation(Normalizer normalizer, String clientId, Ingest.Tap tap, EventStore store) {
    }

    private final ExecutorService reading;
    private final ExecutorService decoding;
    private final int depth;
    private final BlockingQueue<byte[]> spareChunks;

    /** {@code threads} decoding threads (0: everything on the calling thread). */
    Decoding(int threads) {
        this.reading = threads == 0 ? null : Executors.newSingleThreadExecutor(named("th-ingest-reader", null));
        this.decoding = threads == 0 ? null : Executors.newFixedThreadPool(threads, named("th-ingest-decode-", new AtomicInteger()));
        this.depth = 2 * threads + 2;
        this.spareChunks = new ArrayBlockingQueue<>(depth + threads + 2);
    }

    private static ThreadFactory named(String name, AtomicInteger counter) {
        return r -> {
            Thread t = new Thread(r, counter == null ? name : name + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Reads {@code in} with {@code reader}, giving every segment to {@code consumer} in order.
     *
     * @return the reader's failure (the input cannot be read on), or null
     * @throws StoreException when the consumer throws it (the reading is stopped first)
     */
    Throwable read(EventReader reader, InputStream in, String path, String hash, Preparation prep, Consumer consumer) {
        Counting counted = new Counting(in);
        if (reading == null) {
            try {
                cut(reader, counted, path, hash, task -> consumer.segment(task.call()), prep);
                return null;
            } catch (StoreException e) {
                throw e;
            } catch (Exception e) {
                return e;
            }
        }
        BlockingQueue<Future<Segment>> queue = new ArrayBlockingQueue<>(depth);
        Cancel cancel = new Cancel();
        Future<?> job = reading.submit(() -> {
            Future<Segment> last;
            try {
                cut(reader, counted, path, hash, task -> put(queue, decoding.submit(task), cancel), prep);
                last = CompletableFuture.completedFuture(END);
            } catch (Exception | Error e) {
                last = CompletableFuture.failedFuture(e);
            }
            try {
                put(queue, last, cancel);
            } catch (CancellationException ignored) {
                // the consumer stopped first
            }
        });
        try {
            while (true) {
                Segment s;
                try {
                    s = take(queue).get();
                } catch (ExecutionException e) {
                    stop(cancel, queue, job);
                    return e.getCause();
                }
                if (s == END) {
                    waitFor(job);
                    return null;
                }
                consumer.segment(s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(cancel, queue, job);
            throw new StoreException("interrupted while ingesting " + path, e);
        } catch (RuntimeException e) {
            stop(cancel, queue, job);
            throw e;
        }
    }

    /** Reads the input, emitting one task per segment, in order. */
    private void cut(EventReader reader, Counting in, String path, String hash, Emitter emit, Preparation prep)
            throws Exception {
        Cutter cutter = new Cutter(in, emit, prep);
        try {
            cutWith(reader, in, path, hash, cutter, prep);
        } catch (Exception | Error e) {
            // what was read before the failure still counts in the input's report
            if (!(e instanceof CancellationException || e instanceof StoreException)) {
                cutter.emitPending();
            }
            throw e;
        }
        cutter.emitPending();
    }

    private void cutWith(EventReader reader, Counting in, String path, String hash, Cutter cutter, Preparation prep)
            throws IOException {
        PositionalNames names = reader instanceof PositionalNames p ? p : null;
        EvtxReader evtx = evtxOf(reader);
        if (evtx != null) {
            java.util.Set<String> warned = PositionalNames.warningsOfOneInput();
            EvtxReader.FileCheck check = new EvtxReader.FileCheck();
            evtx.split(in, path, names == null ? cutter : names.naming(cutter, warned), new EvtxReader.ChunkHandler() {
                @Override
                public byte[] buffer() {
                    byte[] b = spareChunks.poll();
                    return b != null ? b : new byte[65536];
                }

                @Override
                public void chunk(byte[] chunk, int length, long index, long fileOffset) throws IOException {
                    cutter.emitPending();
                    long position = in.count;
                    cutter.emitTask(() -> {
                        Segment s = new Segment();
                        try {
                            evtx.decodeChunk(chunk, length, index, fileOffset, path, hash,
                                    names == null ? s : names.naming(s, warned), check);
                        } finally {
                            spareChunks.offer(chunk);
                        }
                        s.position = position;
                        return prepare(s, prep);
                    });
                }
            }, check);
            // told when replayed, after every chunk before it: all of them are decoded by then
            cutter.emitPending();
            Segment end = new Segment();
            end.warnLater(check::staleCounters);
            end.position = in.count;
            cutter.emitTask(() -> end);
        } else {
            reader.read(in, path, hash, cutter);
        }
    }

    /**
     * The EVTX reader whose chunks can be decoded apart, also when {@link Readers#defaults} wrapped
     * it to name positional values; null for any other reader.
     */
    static EvtxReader evtxOf(EventReader reader) {
        EventReader plain = reader instanceof PositionalNames p ? p.inner() : reader;
        return plain instanceof EvtxReader evtx ? evtx : null;
    }

    private static Segment prepare(Segment s, Preparation p) {
        return s.prepare(p.normalizer(), p.clientId(), p.tap(), p.store()::encode);
    }

    private interface Emitter {
        void emit(Callable<Segment> task) throws Exception;
    }

    /** The reader's sink: collects its calls into segments and emits them. */
    private static final class Cutter implements EventSink {
        private final Counting in;
        private final Emitter emit;
        private final Preparation prep;
        private Segment current = new Segment();

        Cutter(Counting in, Emitter emit, Preparation prep) {
            this.in = in;
            this.emit = emit;
            this.prep = prep;
        }

        @Override
        public void accept(RawEvent event) {
            current.accept(event);
            if (current.events() >= BATCH) {
                emitPending();
            }
        }

        @Override
        public void reject(long offset, long records, String reason) {
            current.reject(offset, records, reason);
        }

        @Override
        public void warn(long offset, String message) {
            current.warn(offset, message);
        }

        void emitPending() {
            if (current.isEmpty()) {
                return;
            }
            Segment s = current;
            current = new Segment();
            s.position = in.count;
            emitTask(() -> prepare(s, prep));
        }

        void emitTask(Callable<Segment> task) {
            try {
                emit.emit(task);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static void put(BlockingQueue<Future<Segment>> queue, Future<Segment> f, Cancel cancel) {
        try {
            while (!queue.offer(f, 100, TimeUnit.MILLISECONDS)) {
                if (cancel.set) {
                    f.cancel(true);
                    throw new CancellationException("the store stopped the ingest");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
    }

    private static Future<Segment> take(BlockingQueue<Future<Segment>> queue) throws InterruptedException {
        return queue.take();
    }

    private static void stop(Cancel cancel, BlockingQueue<Future<Segment>> queue, Future<?> job) {
        cancel.set = true;
        for (Future<Segment> f; (f = queue.poll()) != null; ) {
            f.cancel(true);
        }
        waitFor(job);
        for (Future<Segment> f; (f = queue.poll()) != null; ) {
            f.cancel(true);
        }
    }

    private static void waitFor(Future<?> job) {
        try {
            job.get();
        } catch (ExecutionException ignored) {
            // the reading job reports through the queue
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (reading != null) {
            reading.shutdownNow();
            decoding.shutdownNow();
        }
    }

    private static final class Cancel {
        volatile boolean set;
    }

    /** Counts the bytes read from an input, for progress. */
    private static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = super.skip(n);
            count += k;
            return k;
        }
    }
}
