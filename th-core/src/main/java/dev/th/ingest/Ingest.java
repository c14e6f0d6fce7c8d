package dev.th.ingest;

import dev.th.event.EventReader;
import dev.th.event.RawEvent;
import dev.th.flow.FlowAssignment;
import dev.th.flow.FlowIngest;
import dev.th.normalize.Normalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ingest pipeline for one input at a time: reader → normalizer → store. The input is read on
 * a reading thread and cut into segments (an EVTX file into its 64 KiB chunks, other formats every
 * few hundred records), decoded and normalized on a pool of decoding threads (one per core by
 * default), and stored on the calling thread in input order: the same input gives the same rows
 * in the same order and the same report whatever the number of threads (see {@link Decoding};
 * figures in docs/benchmarks.md). {@link #sequential} keeps everything on the calling thread.
 *
 * <p>Per input: an input whose content hash is already stored is read from the store's record and
 * counted all duplicates (its file is not read again); otherwise its events are stored atomically
 * (all of them with the input's record, or nothing: see {@link EventStore}), a record id met twice
 * counts as a duplicate, and an exception of the reader abandons the input with nothing of it
 * stored. {@code read = stored + rejected + duplicates} holds for every report. The store is
 * flushed at the end of {@link #run} and on {@link #close}.
 */
public final class Ingest implements AutoCloseable {
    /** Hears what the pipeline does, e.g. to draw a progress bar. Called on the calling thread. */
    public interface Listener {
        default void inputStarted(String path, long size) {
        }

        /** {@code count} more events of the current input reached the store. */
        default void stored(long count) {
        }

        /** The current input has been read and stored up to byte {@code bytes} of its size. */
        default void progress(long bytes) {
        }

        default void inputDone(InputReport report) {
        }
    }

    private final EventStore store;
    private final String clientId;
    private Normalizer normalizer = new Normalizer();
    private final Decoding decoding;
    private Listener listener = new Listener() { };
    private Tap tap;
    private FlowIngest flows;
    private FlowAssignment assignment;

    private Ingest(EventStore store, String clientId, int threads) {
        this.store = Objects.requireNonNull(store);
        this.clientId = Objects.requireNonNull(clientId);
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 or more: " + threads);
        }
        this.decoding = new Decoding(threads);
    }

    /** Stores rows without Kind and ParentKind (th-bench's baseline of what kinds cost); before {@link #run}. */
    public Ingest withoutKinds() {
        normalizer = new Normalizer(false);
        return this;
    }

    /** A pipeline that decodes on one thread per core while the calling thread stores. */
    public static Ingest into(EventStore store, String clientId) {
        return into(store, clientId, defaultThreads());
    }

    /**
     * A pipeline that decodes on {@code threads} threads while the calling thread stores (0:
     * everything on the calling thread). The rows stored, their order and the reports are the
     * same whatever the number.
     */
    public static Ingest into(EventStore store, String clientId, int threads) {
        return new Ingest(store, clientId, threads);
    }

    /** A pipeline that does everything on the calling thread. */
    public static Ingest sequential(EventStore store, String clientId) {
        return new Ingest(store, clientId, 0);
    }

    /** Decoding threads of {@link #into(EventStore, String)}: one per core the JVM may use. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Sees every event that is going to be stored, as it is read (hunting at ingest). Called on
     * the reading thread, one input after the other; an input's events are all seen before its
     * {@link Listener#inputDone}, which says whether they were stored.
     */
    public interface Tap {
        void event(RawEvent event);

        /**
         * The part of the tap that may run on the decoding threads, before the event is known
         * to be stored (thread-safe); its result is passed to {@link #event(RawEvent, Object)}.
         */
        default Object prepare(RawEvent event) {
            return null;
        }

        /** {@link #event(RawEvent)} with what {@link #prepare} gave. */
        default void event(RawEvent event, Object prepared) {
            event(event);
        }
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
            Throwable readerFailure = decoding.read(reader, in, path, hash,
                    new Decoding.Preparation(normalizer, clientId, tap, store), s -> {
                        listener.stored(s.replay(tally, tap, writer::appendEncoded));
                        listener.progress(s.position);
                    });
            if (readerFailure != null) {
                return tally.abandoned(-1, "input abandoned, nothing of it stored: " + describe(readerFailure));
            }
            return writer.commit(tally.report());
        }
    }

    static String describe(Throwable t) {
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
            decoding.close();
        }
    }
}
