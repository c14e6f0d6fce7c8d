package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer over many chunks and with an event too large for one: the dense real Sysmon log
 * (565 records) written five times over, with an event whose CommandLine has 40,000 characters in
 * the middle; the large one is refused, nothing else is lost, the file header counts its chunks.
 */
class EvtxWriterTest {
    @TempDir
    Path tmp;

    @Test
    void manyChunksAndOneEventTooLargeLoseNothingElse() throws Exception {
        List<RawEvent> real = EvtxReads.read(SharedData.require(
                "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx")).events();
        assertEquals(565, real.size(), "the sample's records (reference-counts.json)");
        RawEvent big = real.get(0);
        Map<String, String> f = new LinkedHashMap<>(big.fields());
        f.put("CommandLine", "x".repeat(40_000));
        RawEvent tooLarge = new RawEvent(big.source(), 0, big.time(), big.provider(), big.channel(), big.eventId(),
                big.computer(), f);
        Path file = tmp.resolve("dense.evtx");
        List<RawEvent> written = new ArrayList<>();
        try (EvtxWriter w = new EvtxWriter(file)) {
            for (int round = 0; round < 5; round++) {
                for (RawEvent e : real) {
                    assertEquals(written.size() + 1, w.write(e));
                    written.add(e);
                }
                if (round == 2) {
                    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> w.write(tooLarge));
                    assertTrue(x.getMessage().contains("does not fit"), x.getMessage());
                }
            }
            assertEquals(written.size(), w.records());
        }
        long chunks = (Files.size(file) - 4096) / 65536;
        assertEquals(0, (Files.size(file) - 4096) % 65536, "whole chunks");
        assertTrue(chunks > 5, "several chunks: " + chunks);
        byte[] header = Files.readAllBytes(file);
        assertEquals(chunks, (header[42] & 0xff) | (header[43] & 0xff) << 8, "the file header's chunk count");

        EvtxReads.Result back = EvtxReads.read(file);
        assertEquals(List.of(), back.rejects());
        assertEquals(List.of(), back.warnings());
        assertEquals(written.size(), back.events().size());
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i).fields().get("CommandLine"), back.events().get(i).fields().get("CommandLine"));
            assertEquals(written.get(i).time(), back.events().get(i).time());
        }
        EvtxInfo.require();
        assertEquals(written.size(), EvtxInfo.records(file).orElse(-1));
    }
}
