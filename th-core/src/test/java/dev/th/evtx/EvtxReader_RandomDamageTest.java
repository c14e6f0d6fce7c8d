package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random bytes overwritten in a real file (seeded, so every run is the same): reading never
 * throws, and every record of a chunk that was not touched is still read, unchanged.
 */
class EvtxReader_RandomDamageTest {
    private static final String FILE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";

    @Test
    void damageStaysInsideTheChunksItHits() throws IOException {
        byte[] intact = Files.readAllBytes(SharedData.require(FILE));
        List<RawEvent> all = EvtxReads.read(intact, "intact").events();
        Random random = new Random(20261124);
        int withRejects = 0;
        for (int trial = 0; trial < 100; trial++) {
            byte[] b = intact.clone();
            Set<Long> hitChunks = new HashSet<>();
            int flips = 1 + random.nextInt(trial % 3 == 0 ? 200 : 8);
            for (int i = 0; i < flips; i++) {
                int at = 4096 + random.nextInt(b.length - 4096);
                b[at] = (byte) random.nextInt(256);
                hitChunks.add((long) (at - 4096) / 65536);
            }
            EvtxReads.Result r = EvtxReads.read(b, "trial " + trial);
            if (!r.rejects().isEmpty()) {
                withRejects++;
            }
            Map<Long, Map<String, String>> read = new HashMap<>();
            r.events().forEach(e -> read.put(e.source().offset(), e.fields()));
            for (RawEvent e : all) {
                long chunk = (e.source().offset() - 4096) / 65536;
                if (!hitChunks.contains(chunk)) {
                    assertEquals(e.fields(), read.get(e.source().offset()),
                            "trial " + trial + ": record at " + e.source().offset() + " in an untouched chunk is read unchanged");
                }
            }
            for (EvtxReads.Reject reject : r.rejects()) {
                assertTrue(hitChunks.contains((reject.offset() - 4096) / 65536), "trial " + trial + ": reject in a damaged chunk: " + reject);
            }
            assertTrue(r.events().size() <= all.size() + 2, "trial " + trial + ": no records invented");
        }
        assertTrue(withRejects > 15, "the damage was visible in " + withRejects + " of 100 trials");
        assertEquals(565, all.size());
    }
}
