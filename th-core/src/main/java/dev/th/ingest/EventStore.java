package dev.th.ingest;

import dev.th.model.CanonicalEvent;
import java.util.Optional;

/**
 * Where the ingest pipeline writes canonical events, whatever the engine (an embedded DuckDB file
 * today, a Parquet lake later). Inputs are the unit of atomicity and of identity: the events of
 * one input become visible together or not at all, and an input whose content hash is already
 * stored is not stored again.
 */
public interface EventStore extends AutoCloseable {

    /** The report of an input with this content hash stored completely before, if any. */
    Optional<InputReport> completed(String contentHash);

    /**
     * Starts writing one input. Nothing of it is visible until {@link InputWriter#commit} and the
     * next {@link #flush}; closing the writer without committing discards everything appended.
     */
    InputWriter begin(String contentHash, String path, long size);

    /**
     * The store's own form of a row, for {@link InputWriter#appendEncoded}: made on the decoding
     * threads so the storing thread has less to do. Thread-safe; the default is the row itself.
     */
    default Object encode(CanonicalEvent event) {
        return event;
    }

    /** Makes every input completed so far durable and visible to other readers of the store. */
    void flush();

    /** Flushes, then releases the store. */
    @Override
    void close();

    /** The events of one input, written in one transaction. Not thread-safe. */
    interface InputWriter extends AutoCloseable {

        /** Adds one row; may buffer. */
        void append(CanonicalEvent event);

        /** Adds one row made by {@link EventStore#encode}. */
        default void appendEncoded(Object encoded) {
            append((CanonicalEvent) encoded);
        }

        /**
         * Completes the input: its rows and its record (with its report) become durable and visible
         * together, at the latest on the store's next {@link EventStore#flush}. Returns the report
         * as stored: the one given, or with what the store's cross-event steps found added to its
         * warnings (e.g. a clock offset).
         */
        InputReport commit(InputReport report);

        /** Discards the input's rows unless committed. */
        @Override
        void close();
    }
}
