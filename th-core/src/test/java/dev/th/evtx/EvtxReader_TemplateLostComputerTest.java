package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A record whose template was lost takes the Computer of a record of its own chunk, on every
 * path the reader has (the whole file on one thread, or chunk by chunk as the ingest decodes
 * in parallel), also when no record before it in the chunk was decoded whole (it then takes that
 * of the next one decoded whole). Built from a real Security-and-Sysmon chunk as a log Windows
 * began to reuse might leave it: its first record's signature overwritten (its bytes, and the
 * names its template defines, stay) and the id of that template damaged, its free-space offset
 * back at the first record and its record numbers moved on, so every record in it is an older
 * one in the slack; those using the damaged template come first and have lost it, a later one
 * has a template of its own. The Computer expected is the one libyal's evtxexport gives for
 * every record of the intact file.
 */
class EvtxReader_TemplateLostComputerTest {
    private static final String FILE = "sigma-regression/proc_creation_win_driverquery_recon/9fc3072c-dc8f-4bf7-b231-18950000fadd.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    @Test
    void recordsWhoseTemplateWasLostTakeTheComputerOfTheirChunk() throws Exception {
        Path intactFile = SharedData.require(FILE);
        byte[] intact = Files.readAllBytes(intactFile);
        EvtxExport.require();
        Set<String> computers = new TreeSet<>();
        for (Map<String, String> r : EvtxExport.export(intactFile).records()) {
            computers.add(r.get("Computer"));
        }
        assertEquals(1, computers.size(), "evtxexport: one Computer in the whole log " + computers);
        String computer = computers.iterator().next();

        byte[] file = Arrays.copyOf(intact, HEADER + CHUNK);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int first = HEADER + 512;
        int instance = first + EvtxLayout.RECORD_HEADER_SIZE + 4;
        int definition = b.getInt(instance + 6);
        assertEquals(instance + 10 - HEADER, definition, "the first record defines its template inline");
        b.putInt(HEADER + definition + 4, b.getInt(HEADER + definition + 4) ^ 0x5a5a5a5a); // that template's id damaged
        b.putInt(first, 0x2a2a007f);                       // the first record's signature overwritten
        b.putInt(HEADER + 48, 512);                        // free space from the first record on
        b.putLong(HEADER + 8, b.getLong(HEADER + 8) + 100_000).putLong(HEADER + 24, b.getLong(HEADER + 24) + 100_000);
        ChunkImage.resealHeader(file, HEADER);

        List<RawEvent> whole = new ArrayList<>();
        new EvtxReader().read(new ByteArrayInputStream(file), "wiped", "0".repeat(64), collect(whole));
        List<RawEvent> split = new ArrayList<>();
        EvtxReader reader = new EvtxReader();
        EvtxReader.FileCheck check = new EvtxReader.FileCheck();
        reader.split(new ByteArrayInputStream(file), "wiped", collect(split), new EvtxReader.ChunkHandler() {
            @Override
            public byte[] buffer() {
                return new byte[CHUNK];
            }

            @Override
            public void chunk(byte[] chunk, int length, long index, long fileOffset) {
                reader.decodeChunk(chunk, length, index, fileOffset, "wiped", "0".repeat(64), collect(split), check);
            }
        }, check);

        assertTrue(whole.size() > 10, whole.size() + " older records read");
        assertTrue(whole.get(0).templateLost(), "the first older record met lost its template: " + whole.get(0).fields());
        assertTrue(whole.stream().anyMatch(e -> !e.templateLost()), "some older records are decoded whole");
        long lost = whole.stream().filter(RawEvent::templateLost).count();
        for (RawEvent e : whole) {
            assertTrue(e.recovered(), "older record at " + e.source().offset() + " is recovered");
            assertEquals(computer, e.computer(), "Computer of the record at " + e.source().offset()
                    + (e.templateLost() ? " (template lost)" : ""));
        }
        assertEquals(whole.stream().map(e -> e.source().offset() + " " + e.computer() + " " + e.fields()).toList(),
                split.stream().map(e -> e.source().offset() + " " + e.computer() + " " + e.fields()).toList(),
                "the chunk decoded alone gives the same records in the same order (" + lost + " with their template lost)");
    }

    private static EventSink collect(List<RawEvent> into) {
        return new EventSink() {
            @Override
            public void accept(RawEvent event) {
                into.add(event);
            }

            @Override
            public void reject(long offset, long records, String reason) {
                // the overwritten first record; what matters here is the records read
            }
        };
    }
}
