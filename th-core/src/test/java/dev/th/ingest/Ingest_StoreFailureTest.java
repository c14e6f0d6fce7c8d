package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventReader;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store that fails midway: the failure reaches the caller as a StoreException, the reader
 * thread stops (no deadlock on the hand-over queue), and nothing is committed.
 */
class Ingest_StoreFailureTest {

    private static final EventReader MANY = (in, path, hash, sink) -> {
        for (long id = 1; id <= 100_000; id++) {
            sink.accept(new RawEvent(new SourceRef(path, hash, id), id, Instant.EPOCH, "P", "C", 1, "H",
                    Map.of("EventID", "1")));
        }
    };

    @Test
    void aStoreFailureStopsTheReaderAndReachesTheCaller() {
        for (boolean parallel : new boolean[] {true, false}) {
            ListStore store = new ListStore(5_000);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try (Ingest ingest = parallel ? Ingest.into(store, "c") : Ingest.sequential(store, "c")) {
                    StoreException e = assertThrows(StoreException.class,
                            () -> ingest.input("f", "h", 1, MANY, InputStream.nullInputStream()));
                    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
                    // the pipeline is still usable afterwards: the next input goes through
                    InputReport next = ingest.input("g", "h2", 1, (in, p, h, sink) -> sink.accept(new RawEvent(
                            new SourceRef(p, h, 0), 1, Instant.EPOCH, "P", "C", 1, "H", Map.of())),
                            InputStream.nullInputStream());
                    assertEquals(1, next.stored());
                }
            });
            assertEquals(1, store.committed.size(), "parallel=" + parallel);
            assertTrue(store.flushes >= 1);
        }
    }
}
