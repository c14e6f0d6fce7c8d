package dev.th.flow;

import dev.th.ingest.InputReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where flows and network names are stored, apart from events, with the same rules: an input is
 * stored whole or not at all, and an input whose content hash is stored is not stored again.
 */
public interface FlowStore {

    /** The report of an input with this content hash stored completely before, if any. */
    Optional<InputReport> completed(String contentHash);

    /** Starts writing one input; nothing of it is kept unless {@link Writer#commit} is called. */
    Writer begin(String contentHash, String path, long size);

    /**
     * Assigns every stored flow to the machines at its ends and to the processes that made it,
     * from everything stored now (flows and events), replacing the previous assignment.
     */
    FlowAssignment assign();

    /** Whether the store reads Zeek's TSV itself ({@link #bulkZeekConn}). */
    default boolean readsTsv() {
        return false;
    }

    /**
     * Stores a whole Zeek conn.log in TSV ({@code fields} as its {@code #fields} line names them)
     * with the store's own reader, much faster than row by row, with the same accounting and the
     * same rules; called only when {@link #readsTsv()}.
     */
    default InputReport bulkZeekConn(Path tsv, List<String> fields, String contentHash, String path, long size) {
        return null;
    }

    /** Whether any flow is stored (nothing to assign otherwise). */
    boolean hasFlows();

    /** The rows of one input. Not thread-safe. */
    interface Writer extends AutoCloseable {
        void flow(Flow flow);

        void name(NetName name);

        /** Stores the input's rows and its report together. */
        void commit(InputReport report);

        /** Discards the rows unless committed. */
        @Override
        void close();
    }
}
