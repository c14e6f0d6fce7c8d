package dev.th.lake;

import dev.th.ingest.EventStore;
import dev.th.ingest.InputReport;
import dev.th.model.CanonicalEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A task's scratch store that also knows the inputs the lake already holds: an input whose
 * content hash is in the lake is reported all duplicates and not read, as the embedded store
 * does for an input it holds.
 */
final class KnownInputs implements EventStore {
    private final EventStore scratch;
    /** Content hash -> records read when the lake stored it. */
    private final Map<String, Long> lake;

    KnownInputs(EventStore scratch, Map<String, Long> lake) {
        this.scratch = scratch;
        this.lake = lake;
    }

    @Override
    public Optional<InputReport> completed(String contentHash) {
        Long read = lake.get(contentHash);
        if (read != null) {
            return Optional.of(new InputReport("", contentHash, 0, read, 0, 0, read, Map.of(), List.of(), List.of()));
        }
        return scratch.completed(contentHash);
    }

    @Override
    public InputWriter begin(String contentHash, String path, long size) {
        return scratch.begin(contentHash, path, size);
    }

    @Override
    public Object encode(CanonicalEvent event) {
        return scratch.encode(event);
    }

    @Override
    public void flush() {
        scratch.flush();
    }

    @Override
    public void close() {
        scratch.close();
    }
}
