package dev.th.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fault of the hunting tap's test on one record ({@link Ingest.Tap#prepare}) costs that record
 * its hunt, not the input: every record is still stored, the one is named in a warning, and the
 * tap is given every other record. (No real trigger is known: the rules' tests use RE2J and
 * fuzzing found none; the tap here fails on purpose.)
 */
class Ingest_TapFailureTest {
    /** Eight records (evtxinfo: "Number of records: 8"). */
    private static final String FILE = "evtx/evtx-attack-samples/Lateral_Movement/LM_WMI_4624_4688_TargetHost.evtx";

    /** Fails its test on the record with id {@code failOn}; counts what it is given. */
    private static final class FailingTap implements Ingest.Tap {
        final long failOn;
        final List<Long> seen = new ArrayList<>();

        FailingTap(long failOn) {
            this.failOn = failOn;
        }

        @Override
        public Object prepare(RawEvent event) {
            if (event.recordId() == failOn) {
                throw new IllegalStateException("rule test failed (test)");
            }
            return null;
        }

        @Override
        public void event(RawEvent event) {
            synchronized (seen) {
                seen.add(event.recordId());
            }
        }
    }

    @Test
    void aRecordWhoseTestFailsIsStoredNotHuntedAndTheInputGoesOn() throws Exception {
        Path file = SharedData.require(FILE);
        List<Long> ids = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            new EvtxReader().read(in, "f", "h", new dev.th.event.EventSink() {
                @Override
                public void accept(RawEvent event) {
                    ids.add(event.recordId());
                }

                @Override
                public void reject(long offset, long records, String reason) {
                    throw new AssertionError(reason);
                }
            });
        }
        assertEquals(8, ids.size());
        List<Long> others = new ArrayList<>(ids);
        others.remove(2);
        for (int threads : new int[] {0, 2}) {
            ListStore store = new ListStore(0);
            FailingTap tap = new FailingTap(ids.get(2));
            InputReport r;
            try (Ingest ingest = Ingest.into(store, "c", threads).tap(tap); InputStream in = Files.newInputStream(file)) {
                r = ingest.input(file.toString(), "h" + threads, Files.size(file), new EvtxReader(), in);
            }
            assertEquals(8, r.stored(), "threads=" + threads + ": " + r);
            assertEquals(0, r.rejected());
            assertEquals(8, store.committed.size());
            assertEquals(others, tap.seen, "threads=" + threads);
            List<IngestError> notHunted = r.warnings().stream().filter(w -> w.reason().contains("not hunted")).toList();
            assertEquals(1, notHunted.size(), r.warnings().toString());
            assertTrue(notHunted.get(0).reason().startsWith("record " + ids.get(2) + " is stored but not hunted: the rules' test failed on it:"
                    + " java.lang.IllegalStateException: rule test failed (test)"), notHunted.get(0).reason());
        }
    }
}
