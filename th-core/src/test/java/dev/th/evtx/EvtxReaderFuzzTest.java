package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.th.testing.CheckedSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the EVTX reader (file header, chunks, binary XML, templates, the
 * carver of slack space). Plain {@code mvn verify} replays the seeds in
 * {@code EvtxReaderFuzzTestInputs/evtx} (cuts of the CC0 samples, see the README there) and every
 * finding kept beside them; {@code fuzz/run evtx SECONDS} fuzzes. What must hold for any bytes:
 * the reader only throws {@link IOException} (not EVTX at all), naming the input; every reject
 * says why; and reading the file whole gives the same records and rejects as splitting it into
 * chunks decoded one by one (the parallel ingest's path).
 */
class EvtxReaderFuzzTest {
    private static final String PATH = "fuzz.evtx";

    @FuzzTest(maxDuration = "5m")
    void evtx(byte[] data) {
        CheckedSink whole = new CheckedSink();
        EvtxReader reader = new EvtxReader();
        IOException wholeFailure = null;
        try {
            reader.read(new ByteArrayInputStream(data), PATH, "h", whole);
        } catch (IOException e) {
            wholeFailure = e;
            assertTrue(e.getMessage().startsWith(PATH + ": "), e::getMessage);
        }
        CheckedSink split = new CheckedSink();
        EvtxReader.FileCheck check = new EvtxReader.FileCheck();
        List<Object[]> chunks = new ArrayList<>();
        try {
            reader.split(new ByteArrayInputStream(data), PATH, split, new EvtxReader.ChunkHandler() {
                @Override
                public byte[] buffer() {
                    return new byte[EvtxLayout.CHUNK_SIZE];
                }

                @Override
                public void chunk(byte[] chunk, int length, long index, long fileOffset) {
                    chunks.add(new Object[] {chunk, length, index, fileOffset});
                }
            }, check);
        } catch (IOException e) {
            assertEquals(String.valueOf(wholeFailure), String.valueOf(e), "read and split disagree on the failure");
            return;
        }
        assertEquals(null, wholeFailure, "split read what read refused");
        for (Object[] c : chunks) {
            reader.decodeChunk((byte[]) c[0], (int) c[1], (long) c[2], (long) c[3], PATH, "h", split, check);
        }
        assertEquals(whole.accepted, split.accepted, "records: read vs split");
        assertEquals(whole.rejected, split.rejected, "rejects: read vs split");
        assertEquals(whole.rejectedRecords, split.rejectedRecords, "rejected records: read vs split");
    }
}
