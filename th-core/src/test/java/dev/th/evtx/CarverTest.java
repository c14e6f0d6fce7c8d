package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Carving: the chunks of a real log (565 records) hidden at odd offsets in random bytes, some cut
 * short, and loose records alone among random bytes. Every record of the log that lies whole in
 * the image must come back, flagged recovered, at the offset where it was put, with the fields the
 * log's own reading gives; nothing is rejected.
 */
class CarverTest {
    private static final String FILE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    private record Carved(List<RawEvent> events, List<String> rejects, List<String> warnings) {
    }

    private static Carved carve(byte[] image) throws IOException {
        Carved c = new Carved(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        new Carver().read(new ByteArrayInputStream(image), "image", "0".repeat(64), new EventSink() {
            @Override
            public void accept(RawEvent event) {
                c.events().add(event);
            }

            @Override
            public void reject(long offset, long records, String reason) {
                c.rejects().add(offset + ": " + reason);
            }

            @Override
            public void warn(long offset, String message) {
                c.warnings().add(offset + ": " + message);
            }
        });
        return c;
    }

    @Test
    void everyRecordOfALogHiddenInRandomBytesComesBackAtItsOffset() throws IOException {
        byte[] log = Files.readAllBytes(SharedData.require(FILE));
        EvtxReads.Result intact = EvtxReads.read(log, "intact");
        Random random = new Random(7);
        byte[] image = new byte[20 << 20];
        random.nextBytes(image);
        Map<Long, RawEvent> expected = new HashMap<>(); // image offset -> the record the log holds there
        long at = 12_345;
        int cut = 0;
        for (int k = 0; k < 15; k++) {
            int chunk = HEADER + k * CHUNK;
            int length = k % 5 == 3 ? 30_001 : CHUNK; // chunks 3, 8 and 13 cut short
            System.arraycopy(log, chunk, image, (int) at, length);
            for (RawEvent e : intact.events()) {
                long off = e.source().offset() - chunk;
                if (off >= 0 && off < length && off + Le.i32(log, (int) e.source().offset() + 4) <= length) {
                    expected.put(at + off, e);
                }
            }
            if (length < CHUNK) {
                cut++;
            }
            at += length + 1 + random.nextInt(200_000); // odd gaps of random bytes
        }
        // loose records: the first record of chunk 6 (its templates inline) and the tenth of chunk 7
        // (its template defined by an earlier record of chunk 7, carved above)
        for (int[] pick : new int[][] {{6, 0}, {7, 9}}) {
            int chunk = HEADER + pick[0] * CHUNK;
            List<RawEvent> in = intact.events().stream()
                    .filter(e -> e.source().offset() >= chunk && e.source().offset() < chunk + CHUNK).toList();
            RawEvent e = in.get(pick[1]);
            int size = Le.i32(log, (int) e.source().offset() + 4);
            System.arraycopy(log, (int) e.source().offset(), image, (int) at, size);
            expected.put(at, e);
            at += size + 3 + random.nextInt(10_000);
        }
        assertTrue(at < image.length);
        assertEquals(3, cut);

        Carved c = carve(image);
        assertEquals(List.of(), c.rejects());
        Map<Long, RawEvent> found = new HashMap<>();
        for (RawEvent e : c.events()) {
            assertTrue(e.recovered(), "every carved record is flagged recovered");
            found.put(e.source().offset(), e);
        }
        for (Map.Entry<Long, RawEvent> x : expected.entrySet()) {
            RawEvent f = found.get(x.getKey());
            assertTrue(f != null, () -> "no record carved at " + x.getKey() + " (" + x.getValue().recordId() + "); missing "
                    + expected.keySet().stream().filter(k -> !found.containsKey(k)).sorted().toList() + "; " + c.warnings().stream().filter(w -> w.startsWith(String.valueOf(x.getKey()))).toList() + " found near: " + found.keySet().stream().filter(k -> Math.abs(k - x.getKey()) < 200000).sorted().toList());
            assertEquals(x.getValue().fields(), f.fields(), "record at " + x.getKey());
            assertEquals(x.getValue().eventId(), f.eventId());
            assertEquals(x.getValue().time(), f.time());
        }
        // what else was carved: the older records of the chunks' slack space, never random bytes
        for (RawEvent e : c.events()) {
            if (!expected.containsKey(e.source().offset())) {
                assertEquals("Microsoft-Windows-Sysmon/Operational", e.channel(), e.fields().toString());
            }
        }
    }

    @Test
    void randomBytesAloneGiveNothing() throws IOException {
        byte[] image = new byte[8 << 20];
        new Random(11).nextBytes(image);
        Carved c = carve(image);
        assertEquals(List.of(), c.events());
        assertEquals(List.of(), c.rejects());
        assertEquals(List.of(), c.warnings());
        assertTrue(Arrays.equals(image, image.clone()));
    }
}
