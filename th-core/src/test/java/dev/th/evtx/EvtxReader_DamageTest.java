package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of a real file (565 records in 17 chunks, of which its header announces 15), made here: each loses only the
 * damaged part, and the reject or warning names the offset. Expected counts come from the intact
 * file, whose count {@link EvtxReader_ReferenceCountsTest} checks against python-evtx.
 */
class EvtxReader_DamageTest {
    private static final String FILE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final int CHUNK = 65536;
    private static final int HEADER = 4096;

    private static byte[] intact;
    private static List<RawEvent> all;

    @BeforeAll
    static void readIntact() throws IOException {
        Path p = SharedData.require(FILE);
        intact = Files.readAllBytes(p);
        EvtxReads.Result r = EvtxReads.read(intact, "intact");
        assertEquals(List.of(), r.rejects());
        assertEquals(List.of(), r.warnings());
        all = r.events();
        assertEquals(565, all.size());
    }

    private static long chunkOffset(int index) {
        return HEADER + (long) index * CHUNK;
    }

    private static long recordEnd(RawEvent e) {
        int off = (int) e.source().offset();
        return off + Le.i32(intact, off + 4);
    }

    private static long inChunk(int index) {
        return all.stream().filter(e -> e.source().offset() >= chunkOffset(index)
                && e.source().offset() < chunkOffset(index + 1)).count();
    }

    @Test
    void truncatedMidChunkKeepsEveryWholeRecordAndRejectsOnceAtTheCut() throws IOException {
        int cut = (int) chunkOffset(5) + 30_000;
        EvtxReads.Result r = EvtxReads.read(Arrays.copyOf(intact, cut), "cut");
        long whole = all.stream().filter(e -> recordEnd(e) <= cut).count();
        RawEvent straddling = all.stream().filter(e -> e.source().offset() < cut && recordEnd(e) > cut).findFirst().orElseThrow();
        long lostInChunk = all.stream().filter(e -> e.source().offset() >= straddling.source().offset()
                && e.source().offset() < chunkOffset(6)).count();

        assertEquals(whole, r.events().size());
        assertEquals(all.subList(0, (int) whole).stream().map(RawEvent::recordId).toList(),
                r.events().stream().map(RawEvent::recordId).toList());
        assertEquals(1, r.rejects().size(), r.rejects().toString());
        EvtxReads.Reject reject = r.rejects().get(0);
        assertEquals(straddling.source().offset(), reject.offset());
        assertEquals(lostInChunk, reject.records());
        assertTrue(reject.reason().contains("chunk 5 at offset 0x" + Long.toHexString(chunkOffset(5))), reject.reason());
        assertTrue(reject.reason().contains("truncated at offset 0x" + Long.toHexString(straddling.source().offset())), reject.reason());
    }

    @Test
    void truncatedAtAChunkBoundarySaysHowManyChunksTheHeaderAnnounced() throws IOException {
        int cut = (int) chunkOffset(10);
        EvtxReads.Result r = EvtxReads.read(Arrays.copyOf(intact, cut), "cut");
        assertEquals(all.stream().filter(e -> e.source().offset() < cut).count(), r.events().size());
        assertEquals(1, r.rejects().size());
        assertEquals(cut, r.rejects().get(0).offset());
        assertTrue(r.rejects().get(0).reason().contains("header announces " + Le.u16(intact, 42) + " chunks"), r.rejects().get(0).reason());
    }

    @Test
    void aRecordWithABrokenSignatureIsRejectedAloneAndReadingGoesOn() throws IOException {
        RawEvent victim = all.get(100);
        byte[] b = intact.clone();
        b[(int) victim.source().offset()] = 'X';
        EvtxReads.Result r = EvtxReads.read(b, "flipped");
        assertEquals(564, r.events().size());
        assertEquals(all.stream().filter(e -> e != victim).map(RawEvent::recordId).toList(),
                r.events().stream().map(RawEvent::recordId).toList());
        assertEquals(List.of(victim.source().offset()), r.rejects().stream().map(EvtxReads.Reject::offset).toList());
        assertEquals(1, r.rejects().get(0).records());
        assertTrue(r.rejects().get(0).reason().contains("no record signature"), r.rejects().get(0).reason());
    }

    @Test
    void aRecordWithABrokenSizeIsRejectedAloneAndReadingGoesOn() throws IOException {
        RawEvent victim = all.get(200);
        byte[] b = intact.clone();
        b[(int) victim.source().offset() + 5] ^= 0x11;
        EvtxReads.Result r = EvtxReads.read(b, "flipped");
        assertEquals(564, r.events().size());
        assertEquals(List.of(victim.source().offset()), r.rejects().stream().map(EvtxReads.Reject::offset).toList());
    }

    @Test
    void aRecordWhoseBinaryXmlCannotBeDecodedIsRejectedWithItsOffset() throws IOException {
        RawEvent victim = all.get(300);
        int off = (int) victim.source().offset();
        byte[] b = intact.clone();
        b[off + 24] = (byte) 0xEE; // the record's first token
        EvtxReads.Result r = EvtxReads.read(b, "flipped");
        assertEquals(564, r.events().size());
        assertEquals(1, r.rejects().size());
        EvtxReads.Reject reject = r.rejects().get(0);
        assertEquals(off, reject.offset());
        assertTrue(reject.reason().contains("unknown binary XML token 0xee"), reject.reason());
        assertTrue(reject.reason().contains("record " + Le.i64(intact, off + 8) + " at offset 0x" + Long.toHexString(off)), reject.reason());
        // the records checksum of its chunk no longer matches: reported as a warning on the chunk
        long chunk = (off - HEADER) / CHUNK * CHUNK + HEADER;
        assertEquals(List.of(chunk), r.warnings().stream().map(EvtxReads.Warning::offset).toList());
        assertTrue(r.warnings().get(0).message().contains("event records CRC32"), r.warnings().get(0).message());
    }

    @Test
    void aFlippedByteInsideAValueIsReadButTheChunkChecksumWarns() throws IOException {
        RawEvent victim = all.get(0);
        byte[] b = intact.clone();
        String image = victim.field("Image");
        int at = indexOfUtf16(b, (int) victim.source().offset(), image);
        b[at] = 'X';
        EvtxReads.Result r = EvtxReads.read(b, "flipped");
        assertEquals(565, r.events().size());
        assertEquals(List.of(), r.rejects());
        assertEquals("X" + image.substring(1), r.events().get(0).field("Image"));
        assertEquals(List.of(chunkOffset(0)), r.warnings().stream().map(EvtxReads.Warning::offset).toList());
    }

    @Test
    void aBrokenChunkHeaderChecksumLosesNoRecordAndWarnsWithTheChunkOffset() throws IOException {
        byte[] b = intact.clone();
        b[(int) chunkOffset(3) + 124] ^= 0x5a; // the stored header CRC32
        EvtxReads.Result r = EvtxReads.read(b, "crc");
        assertEquals(565, r.events().size());
        assertEquals(List.of(), r.rejects());
        assertEquals(1, r.warnings().size());
        assertEquals(chunkOffset(3), r.warnings().get(0).offset());
        assertTrue(r.warnings().get(0).message().startsWith("chunk 3 at offset 0x31000: header CRC32"), r.warnings().get(0).message());
    }

    @Test
    void aChunkWithoutItsSignatureIsRejectedWithTheRecordsItAnnouncesAndTheRestIsRead() throws IOException {
        byte[] b = intact.clone();
        b[(int) chunkOffset(4)] = 0;
        EvtxReads.Result r = EvtxReads.read(b, "chunk");
        long lost = inChunk(4);
        assertTrue(lost > 0);
        assertEquals(565 - lost, r.events().size());
        assertEquals(1, r.rejects().size());
        assertEquals(chunkOffset(4), r.rejects().get(0).offset());
        assertEquals(lost, r.rejects().get(0).records());
        assertTrue(r.rejects().get(0).reason().startsWith("chunk 4 at offset 0x41000: no chunk signature"), r.rejects().get(0).reason());
    }

    @Test
    void recordsPastAStaleFreeSpaceOffsetAreStillRead() throws IOException {
        int chunk = (int) chunkOffset(2);
        List<RawEvent> inIt = all.stream().filter(e -> e.source().offset() >= chunk && e.source().offset() < chunk + CHUNK).toList();
        int stale = (int) (inIt.get(2).source().offset() - chunk);
        byte[] b = intact.clone();
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putInt(chunk + 48, stale); // as if the header was last written after two records
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, chunk, 120);
        crc.update(b, chunk + 128, 384);
        h.putInt(chunk + 124, (int) crc.getValue());
        EvtxReads.Result r = EvtxReads.read(b, "stale");
        assertEquals(all.stream().map(RawEvent::recordId).toList(), r.events().stream().map(RawEvent::recordId).toList());
        assertEquals(List.of(), r.rejects());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0).message();
        assertTrue(w.contains("1 chunk(s) hold " + (inIt.size() - 2) + " record(s) past their free-space offset"), w);
        assertTrue(w.contains("chunk at offset 0x" + Integer.toHexString(chunk)), w);
    }

    @Test
    void aDamagedFileHeaderLosesNoRecordAndWarns() throws IOException {
        byte[] b = intact.clone();
        b[1] = 'X'; // "EXfFile": signature and header CRC32 both broken
        EvtxReads.Result r = EvtxReads.read(b, "header");
        assertEquals(565, r.events().size());
        assertEquals(List.of(), r.rejects());
        assertEquals(List.of(0L, 0L), r.warnings().stream().map(EvtxReads.Warning::offset).toList());
        assertTrue(r.warnings().get(0).message().startsWith("file header: signature 'ElfFile' is damaged"), r.warnings().toString());
        assertTrue(r.warnings().get(1).message().startsWith("file header: CRC32"), r.warnings().toString());
    }

    @Test
    void aFileThatIsNotEvtxIsAnIOExceptionNamingIt() {
        IOException e = assertThrows(IOException.class, () -> EvtxReads.read("{\"Event\":{}}".getBytes(), "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: not an EVTX file"), e.getMessage());
        byte[] evt = {0x30, 0, 0, 0, 'L', 'f', 'L', 'e', 1, 0, 0, 0, 1, 0, 0, 0};
        IOException old = assertThrows(IOException.class, () -> EvtxReads.read(evt, "AppEvent.evt"));
        assertTrue(old.getMessage().contains("Windows XP .evt log"), old.getMessage());
        IOException empty = assertThrows(IOException.class, () -> EvtxReads.read(new byte[0], "empty.evtx"));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void aCopyOfALiveLogWithEveryCounterStaleGivesEveryRecordAndOneWarningNamingThem() throws IOException {
        byte[] b = intact.clone();
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putShort(42, (short) 9); // header: 9 chunks (of 15 in use)
        h.putLong(24, 300); // header: next record id 300 (of 565)
        java.util.zip.CRC32 fileCrc = new java.util.zip.CRC32();
        fileCrc.update(b, 0, 120);
        h.putInt(124, (int) fileCrc.getValue());
        int rewound = 0;
        for (int i : new int[] {1, 6, 11}) {
            int chunk = (int) chunkOffset(i);
            List<RawEvent> inIt = all.stream().filter(e -> e.source().offset() >= chunk && e.source().offset() < chunk + CHUNK).toList();
            int keep = inIt.size() / 2;
            int stale = (int) (inIt.get(keep).source().offset() - chunk);
            long lastKept = Le.i64(b, (int) inIt.get(keep - 1).source().offset() + 8);
            h.putLong(chunk + 16, lastKept).putLong(chunk + 32, lastKept); // last record number and id
            h.putInt(chunk + 44, (int) (inIt.get(keep - 1).source().offset() - chunk)); // last record offset
            h.putInt(chunk + 48, stale); // free-space offset
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b, chunk + 512, stale - 512); // the records checksum of the stale header
            h.putInt(chunk + 52, (int) crc.getValue());
            ChunkImage.resealHeader(b, chunk);
            rewound += inIt.size() - keep;
        }
        EvtxReads.Result r = EvtxReads.read(b, "dirty");
        assertEquals(all.stream().map(RawEvent::recordId).toList(), r.events().stream().map(RawEvent::recordId).toList());
        assertEquals(List.of(), r.rejects());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        String w = r.warnings().get(0).message();
        assertTrue(w.contains("the file header announces 9 chunks, the file holds 15 in use"), w);
        assertTrue(w.contains("next record id is 300, records up to 565 were read"), w);
        assertTrue(w.contains("3 chunk(s) hold " + rewound + " record(s) past their free-space offset (first: chunk at offset 0x"
                + Long.toHexString(chunkOffset(1)) + ")"), w);
        assertTrue(w.contains("3 chunk header(s) announce a last record id below the records they hold"), w);
    }

    @Test
    void aBrokenRecordsChecksumLosesNoRecord() throws IOException {
        byte[] b = intact.clone();
        int chunk = (int) chunkOffset(7);
        b[chunk + 52] ^= 0x01;
        ChunkImage.resealHeader(b, chunk);
        EvtxReads.Result r = EvtxReads.read(b, "crc");
        assertEquals(565, r.events().size());
        assertEquals(List.of(), r.rejects());
        assertEquals(List.of((long) chunk), r.warnings().stream().map(EvtxReads.Warning::offset).toList());
        assertTrue(r.warnings().get(0).message().contains("event records CRC32"), r.warnings().toString());
    }

    private static int indexOfUtf16(byte[] b, int from, String s) {
        outer:
        for (int i = from; i + 2 * s.length() <= b.length; i++) {
            for (int j = 0; j < s.length(); j++) {
                if (b[i + 2 * j] != (byte) s.charAt(j) || b[i + 2 * j + 1] != (byte) (s.charAt(j) >> 8)) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(s + " not found");
    }
}
