package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.flow.FlowAssignment;
import dev.th.flow.FlowIngest;
import dev.th.model.CanonicalEvent;
import dev.th.normalize.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The ingest pipeline for one input at a time: reader → normalizer → store. The reader and the
 * normalizer run on a worker thread while the calling thread appends to the store (two cores pay:
 * see docs/benchmarks.md); {@link #sequential} keeps everything on the calling thread.
 *
 * <p>Per input: an input whose content hash is already stored is read from the store's record and
 * counted all duplicates (its file is not read again); otherwise its events are stored atomically
 * (all of them with the input's record, or nothing: see {@link EventStore}), a record id met twice
 * counts as a duplicate, and an exception of the reader abandons the input with nothing of it
 * stored. {@code read = stored + rejected + duplicates} holds for every report. The store is
 * flushed at the end of {@link #run} and on {@link #close}.
 */
public final class Ingest implements AutoCloseable {
    /** Rows handed from the worker to the store at a time. */
    private static final int BATCH = 256;
    private static final CanonicalEvent[] END = new CanonicalEvent[0];

    /** Hears what the pipeline does, e.g. to draw a progress bar. Called on the calling thread. */
    public interface Listener {
        default void inputStarted(String path, long size) {
        }

        /** {@code count} more events of the current input reached the store. */
        default void stored(long count) {
        }

        default void inputDone(InputReport report) {
        }
    }

    private final EventStore store;
    private final String clientId;
    private final Normalizer normalizer = new Normalizer();
    private final ExecutorService worker;
    private Listener listener = new Listener() { };
    private Tap tap;
    private FlowIngest flows;
    private FlowAssignment assignment;

    private Ingest(EventStore store, String clientId, boolean parallel) {
        this.store = Objects.requireNonNull(store);
        this.clientId = Objects.requireNonNull(clientId);
        this.worker = parallel ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "th-ingest-reader");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** A pipeline that reads on a worker thread while the calling thread stores. */
    public static Ingest into(EventStore store, String clientId) {
        return new Ingest(store, clientId, true);
    }

    /** A pipeline that does everything on the calling thread. */
    public static Ingest sequential(EventStore store, String clientId) {
        return new Ingest(store, clientId, false);
    }

    /**
     * Sees every event that is going to be stored, as it is read (hunting at ingest). Called on
     * the reading thread, one input after the other; an input's events are all seen before its
     * {@link Listener#inputDone}, which says whether they were stored.
     */
    public interface Tap {
        void event(RawEvent event);
    }

    /** Sets the tap (null for none). */
    public Ingest tap(Tap t) {
        this.tap = t;
        return this;
    }

    /**
     * Stores network inputs (Zeek logs, ECS flows) through {@code f}, and assigns the flows to
     * machines and processes at the end of each {@link #run} that stored something. Without it,
     * network inputs are reported unread.
     */
    public Ingest flows(FlowIngest f) {
        this.flows = f;
        return this;
    }

    /** The assignment of flows made by the last {@link #run}, when it made one. */
    public java.util.Optional<FlowAssignment> flowAssignment() {
        return java.util.Optional.ofNullable(assignment);
    }

    public Ingest listener(Listener l) {
        this.listener = Objects.requireNonNull(l);
        return this;
    }

    /** The listener now set (one that does nothing when none was). */
    public Listener listener() {
        return listener;
    }

    public String clientId() {
        return clientId;
    }

    /**
     * Ingests one input.
     *
     * @param path the input's name for reports
     * @param contentHash SHA-256 of the content, hex lower case
     * @param size the content's size in bytes
     * @param reader the reader of the input's format
     * @param in the content from its start; not closed here, and not read at all when the input is
     *     already stored
     * @throws StoreException when the store fails (nothing of this input, nor of the inputs not yet
     *     flushed, is kept; none of them is recorded as stored, so the next ingest reads them again)
     */
    public InputReport input(String path, String contentHash, long size, EventReader reader, InputStream in) {
        listener.inputStarted(path, size);
        InputReport report = store.completed(contentHash)
                .map(prev -> new InputReport(path, contentHash, size, prev.read(), 0, 0, prev.read(),
                        prev.byEventId(), List.of(), List.of()))
                .orElseGet(() -> readAndStore(path, contentHash, size, reader, in));
        listener.inputDone(report);
        return report;
    }

    /** An input that could not be opened or recognized at all: reported, nothing read. */
    public InputReport unreadable(String path, String contentHash, long size, String reason) {
        listener.inputStarted(path, size);
        InputReport report = new InputReport(path, contentHash, size, 0, 0, 0, 0, Map.of(),
                List.of(new IngestError(-1, reason)), List.of());
        listener.inputDone(report);
        return report;
    }

    /**
     * Ingests every input under {@code paths} (files, folders, zips), one after the other, in the
     * order {@link Sources} finds them. Inputs that cannot be read are reported and the rest goes on.
     *
     * @throws StoreException when the store fails
     */
    public IngestReport run(List<Path> paths, Sources sources, Map<Format, ? extends EventReader> readers) {
        List<InputReport> files = new ArrayList<>();
        sources.forEach(paths, new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                if (s.format().network()) {
                    files.add(network(s));
                    return;
                }
                EventReader reader = readers.get(s.format());
                if (reader == null) {
                    files.add(unreadable(s.displayPath(), s.sha256(), s.size(),
                            "no reader for " + s.format() + " input in this build"));
                    return;
                }
                try (InputStream in = s.opener().open()) {
                    files.add(input(s.displayPath(), s.sha256(), s.size(), reader, in));
                }
            }

            @Override
            public void skipped(String displayPath, String reason) {
                files.add(unreadable(displayPath, null, 0, reason));
            }
        });
        store.flush();
        IngestReport report = new IngestReport(files);
        if (flows != null && (flows.storedAny() || report.stored() > 0 && flows.store().hasFlows())) {
            assignment = flows.assign();
        }
        return report;
    }

    private InputReport network(Source s) throws IOException {
        if (flows == null) {
            return unreadable(s.displayPath(), s.sha256(), s.size(), "a network log (" + s.format()
                    + "): this ingest stores no flows");
        }
        listener.inputStarted(s.displayPath(), s.size());
        InputReport report;
        try (InputStream in = s.opener().open()) {
            report = flows.input(s.displayPath(), s.sha256(), s.size(), s.format(), in);
        }
        listener.stored(report.stored());
        listener.inputDone(report);
        return report;
    }

    private InputReport readAndStore(String path, String hash, long size, EventReader reader, InputStream in) {
        InputTally tally = new InputTally(path, hash, size);
        try (EventStore.InputWriter writer = store.begin(hash, path, size)) {
            Throwable readerFailure = worker == null
                    ? readHere(reader, in, path, hash, tally, writer)
                    : readOnWorker(reader, in, path, hash, tally, writer);
            if (readerFailure != null) {
                return tally.abandoned(-1, "input abandoned, nothing of it stored: " + describe(readerFailure));
            }
            return writer.commit(tally.report());
        }
    }

    private Throwable readHere(EventReader reader, InputStream in, String path, String hash, InputTally tally,
            EventStore.InputWriter writer) {
        BatchingSink sink = new BatchingSink(tally, rows -> appendAll(writer, rows, rows.length));
        try {
            reader.read(in, path, hash, sink);
            sink.flush();
            return null;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            return e;
        }
    }

    private Throwable readOnWorker(EventReader reader, InputStream in, String path, String hash, InputTally tally,
            EventStore.InputWriter writer) {
        BlockingQueue<CanonicalEvent[]> queue = new ArrayBlockingQueue<>(4);
        Cancel cancel = new Cancel();
        BatchingSink sink = new BatchingSink(tally, rows -> handOver(queue, rows, cancel));
        Future<?> job = worker.submit(() -> {
            try {
                reader.read(in, path, hash, sink);
                sink.flush();
                return null;
            } finally {
                handOverEnd(queue, cancel);
            }
        });
        try {
            for (CanonicalEvent[] rows = take(queue); rows != END; rows = take(queue)) {
                appendAll(writer, rows, rows.length);
            }
        } catch (RuntimeException e) {
            cancel.set = true;
            queue.clear();
            waitQuietly(job);
            throw e;
        }
        try {
            job.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel(true);
            throw new StoreException("interrupted while ingesting " + path, e);
        }
    }

    private void appendAll(EventStore.InputWriter writer, CanonicalEvent[] rows, int n) {
        for (int i = 0; i < n; i++) {
            writer.append(rows[i]);
        }
        listener.stored(n);
    }

    private static CanonicalEvent[] take(BlockingQueue<CanonicalEvent[]> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while ingesting", e);
        }
    }

    private static void handOver(BlockingQueue<CanonicalEvent[]> queue, CanonicalEvent[] rows, Cancel cancel) {
        try {
            while (!queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                if (cancel.set) {
                    throw new IllegalStateException("cancelled: the store failed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void handOverEnd(BlockingQueue<CanonicalEvent[]> queue, Cancel cancel) {
        try {
            while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
                if (cancel.set) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitQuietly(Future<?> job) {
        try {
            job.get();
        } catch (ExecutionException ignored) {
            // the store's failure is the one reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof UncheckedIOException u && u.getCause() != null) {
            t = u.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    /** Flushes the store (the inputs ingested become durable) and stops the worker thread. */
    @Override
    public void close() {
        try {
            store.flush();
        } finally {
            if (worker != null) {
                worker.shutdownNow();
            }
        }
    }

    private static final class Cancel {
        volatile boolean set;
    }

    /** Receives the reader's records, normalizes them and hands them on in batches. */
    private final class BatchingSink implements EventSink {
        private final InputTally tally;
        private final java.util.function.Consumer<CanonicalEvent[]> downstream;
        private CanonicalEvent[] batch = new CanonicalEvent[BATCH];
        private int n;

        BatchingSink(InputTally tally, java.util.function.Consumer<CanonicalEvent[]> downstream) {
            this.tally = tally;
            this.downstream = downstream;
        }

        @Override
        public void accept(RawEvent event) {
            if (!tally.decoded(event)) {
                return;
            }
            CanonicalEvent row;
            try {
                row = normalizer.normalize(event, clientId);
            } catch (RuntimeException e) {
                tally.rejectedAfterDecoding(event.source() == null ? -1 : event.source().offset(),
                        "record " + event.recordId() + " cannot be normalized: " + describe(e));
                return;
            }
            tally.stored();
            if (tap != null) {
                tap.event(event);
            }
            batch[n++] = row;
            if (n == BATCH) {
                downstream.accept(batch);
                batch = new CanonicalEvent[BATCH];
                n = 0;
            }
        }

        @Override
        public void reject(long offset, long records, String reason) {
            tally.rejectedByReader(offset, records, reason);
        }

        @Override
        public void warn(long offset, String message) {
            tally.warning(offset, message);
        }

        void flush() {
            if (n > 0) {
                downstream.accept(java.util.Arrays.copyOf(batch, n));
                n = 0;
            }
        }
    }
}
