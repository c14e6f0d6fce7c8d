package dev.th.ingest;

import dev.th.model.CanonicalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A store for pipeline tests: keeps the rows of committed inputs in a list; throws on the {@code failAt}-th append (0: never). */
final class ListStore implements EventStore {
    final List<CanonicalEvent> committed = new ArrayList<>();
    final int failAt;
    int appended;
    int flushes;

    ListStore(int failAt) {
        this.failAt = failAt;
    }

    @Override
    public Optional<InputReport> completed(String contentHash) {
        return Optional.empty();
    }

    @Override
    public InputWriter begin(String contentHash, String path, long size) {
        List<CanonicalEvent> rows = new ArrayList<>();
        return new InputWriter() {
            @Override
            public void append(CanonicalEvent event) {
                if (++appended == failAt) {
                    throw new StoreException("disk full (test)");
                }
                rows.add(event);
            }

            @Override
            public InputReport commit(InputReport report) {
                committed.addAll(rows);
                return report;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
    }
}
