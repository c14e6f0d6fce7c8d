package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log that wrapped, built from real chunks: the live records of one chunk (of a Security log
 * of 9 records, or of the same Sysmon log) written over a full chunk of a Sysmon log, as Windows
 * reuses a chunk. The older records beyond the new free-space offset must come back flagged recovered,
 * as many as evtxinfo counts; those whose template was overwritten come back TemplateLost with
 * their values. Expected values come from reading the older chunk on its own.
 */
class EvtxReader_WrappedLogTest {
    private static final String OLD = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final String NEW = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    @TempDir
    Path dir;

    @Test
    void olderRecordsOfAnotherLogComeBackRecoveredWithTheirValuesWhenTheirTemplateWasOverwritten() throws Exception {
        byte[] old = Files.readAllBytes(SharedData.require(OLD));
        Counts c = wrap(old, Files.readAllBytes(SharedData.require(NEW)), HEADER, 9);
        assertTrue(c.lost > 0, "some older records lost their template");
    }

    @Test
    void olderRecordsOfTheSameLogComeBackWhole() throws Exception {
        byte[] old = Files.readAllBytes(SharedData.require(OLD));
        // the first 3 records of chunk 9 of the same log, as if Windows had just reused chunk 2 for them
        int newChunk = HEADER + 9 * CHUNK;
        byte[] fresh = Arrays.copyOfRange(old, 0, newChunk + CHUNK);
        int p = newChunk + 512;
        for (int i = 0; i < 3; i++) {
            p += Le.i32(fresh, p + 4);
        }
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(fresh).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long first = Le.i64(fresh, newChunk + 8);
        h.putLong(newChunk + 16, first + 2).putLong(newChunk + 32, first + 2).putInt(newChunk + 48, p - newChunk);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(fresh, newChunk + 512, p - newChunk - 512);
        h.putInt(newChunk + 52, (int) crc.getValue());
        ChunkImage.resealHeader(fresh, newChunk);
        Counts c = wrap(old, fresh, newChunk, 3);
        assertTrue(c.whole > 0, "some older records still have their template");
    }

    private record Counts(int whole, int lost) {
    }

    /**
     * Writes the header and live records of the chunk at {@code newChunk} of {@code fresh} over
     * chunk 2 of {@code old}, reads the result and checks every survivor of the older chunk.
     */
    private Counts wrap(byte[] old, byte[] fresh, int newChunk, int live) throws Exception {
        int oldChunk = HEADER + 2 * CHUNK;
        int freeSpace = Le.i32(fresh, newChunk + 48);
        byte[] chunk = Arrays.copyOfRange(old, oldChunk, oldChunk + CHUNK);
        System.arraycopy(fresh, newChunk, chunk, 0, freeSpace); // header and live records of the new chunk
        byte[] file = new byte[HEADER + CHUNK];
        System.arraycopy(fresh, 0, file, 0, HEADER);
        System.arraycopy(chunk, 0, file, HEADER, CHUNK);
        java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putShort(42, (short) 1);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, 0, 120);
        java.nio.ByteBuffer.wrap(file).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(124, (int) crc.getValue());

        // the older chunk read alone: its records by their offset in the chunk
        EvtxReads.Result alone = EvtxReads.read(Arrays.copyOfRange(old, 0, oldChunk + CHUNK), "old");
        Map<Long, RawEvent> olderByOffset = new HashMap<>();
        for (RawEvent e : alone.events()) {
            long inChunk = e.source().offset() - oldChunk;
            if (inChunk >= 0 && inChunk < CHUNK) {
                olderByOffset.put(inChunk, e);
            }
        }
        List<Long> survivors = new ArrayList<>();
        for (long off : olderByOffset.keySet()) {
            if (off >= freeSpace) {
                survivors.add(off);
            }
        }
        assertTrue(survivors.size() > 10, survivors.size() + " older records beyond the new free space");

        EvtxReads.Result r = EvtxReads.read(file, "wrapped");
        assertEquals(List.of(), r.rejects());
        assertEquals(live, r.events().size(), "the live records of the new chunk");
        long fragments = r.warnings().stream().filter(w -> w.message().contains("slack space does not decode")).count();
        assertEquals(survivors.size(), r.recovered().size() + fragments, r.warnings().toString());

        Path wrapped = dir.resolve("wrapped" + live + ".evtx");
        Files.write(wrapped, file);
        EvtxInfo.require();
        OptionalLong evtxinfo = EvtxInfo.recovered(wrapped);
        assertTrue(evtxinfo.isPresent(), "evtxinfo reads the wrapped file");
        assertEquals(evtxinfo.getAsLong(), r.recovered().size() + fragments, "evtxinfo's recovered records");

        int whole = 0;
        int lost = 0;
        for (RawEvent e : r.recovered()) {
            RawEvent older = olderByOffset.get(e.source().offset() - HEADER);
            assertTrue(older != null, "a recovered record at " + e.source().offset() + " that the older chunk does not hold");
            assertEquals(older.time(), e.time());
            if (e.templateLost()) {
                // the System values of Windows' templates give back the record id, event id and channel
                assertEquals(older.recordId(), e.recordId(), "EventRecordID");
                assertEquals(older.eventId(), e.eventId(), "EventID");
                assertEquals(older.channel(), e.channel(), "Channel");
                lost++;
                for (Map.Entry<String, String> f : older.fields().entrySet()) {
                    if (f.getKey().equals("Image") || f.getKey().equals("ProcessGuid")) {
                        assertTrue(e.fields().containsValue(f.getValue()), f + " among the values of " + e.fields());
                    }
                }
            } else {
                whole++;
                assertEquals(older.recordId(), e.recordId());
                assertEquals(older.fields(), e.fields(), "record at " + e.source().offset());
                assertEquals(older.eventId(), e.eventId());
            }
        }
        assertFalse(r.recovered().stream().anyMatch(e -> !e.recovered()));
        return new Counts(whole, lost);
    }
}
