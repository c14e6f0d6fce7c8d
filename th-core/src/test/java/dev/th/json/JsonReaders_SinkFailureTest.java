package dev.th.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.th.event.EventReader;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JSON readers guard each record against faults of their own (a record that cannot be
 * mapped is rejected and the next read), but a failure of the sink they report to (the store)
 * is not a record's fault: it reaches the caller, and is never counted as a rejected record.
 */
class JsonReaders_SinkFailureTest {
    private static final String PSH = "otrf/psh_lsass_memory_dump_comsvcs.zip";

    /** Fails on the second event it is given. */
    private static final class FailingSink implements EventSink {
        int accepted;

        @Override
        public void accept(RawEvent event) {
            if (++accepted == 2) {
                throw new IllegalArgumentException("store failed (test)");
            }
        }

        @Override
        public void reject(long offset, long records, String reason) {
            throw new AssertionError("a failure of the sink was counted as a rejected record: " + reason);
        }
    }

    @Test
    void aFailureOfTheSinkReachesTheCaller() throws Exception {
        List<String> lines = JsonLinesReader_TrapsTest.lines(PSH).subList(0, 3);
        String jsonLines = String.join("\n", lines) + "\n";
        String array = "[" + String.join(",\n", lines) + "]";
        for (var c : List.<Object[]>of(new Object[] {new JsonLinesReader(), jsonLines},
                new Object[] {new JsonArrayReader(), array})) {
            EventReader reader = (EventReader) c[0];
            FailingSink sink = new FailingSink();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reader.read(
                    new ByteArrayInputStream(((String) c[1]).getBytes(StandardCharsets.UTF_8)), "t.json", "h", sink),
                    reader.getClass().getSimpleName());
            assertEquals("store failed (test)", e.getMessage());
            assertEquals(2, sink.accepted, reader.getClass().getSimpleName());
        }
    }
}
