package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real file damaged by the test so that one older record in a chunk's slack space drives the
 * reader beyond the bytes it checks (a lost template whose value list ends with a nested binary
 * XML value that claims an inline template definition on the chunk's last bytes: it once threw
 * {@code ArrayIndexOutOfBoundsException} and the whole file was lost). That record alone is
 * affected: every live record is read as from the intact file (counted by evtxinfo), nothing is
 * thrown, and the damaged record is either kept as {@code TemplateLost} or named in a warning
 * with its offset.
 */
class EvtxReader_UnexpectedErrorTest {
    private static final String FILE = "evtx/evtx-to-mitre-attack/TA0004-Privilege_Escalation/T1134-Access_Token_Manipulation/"
            + "ID4688_4648_4624-Runas_execution_with_different_user.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    @Test
    void oneRecordThatTripsTheReaderCostsOnlyThatRecord() throws Exception {
        byte[] intact = Files.readAllBytes(SharedData.require(FILE));
        EvtxReads.Result before = EvtxReads.read(intact, "intact");
        byte[] file = Arrays.copyOf(intact, HEADER + CHUNK);
        int chunk = HEADER;
        int freeSpace = Le.i32(file, chunk + 48);
        int size = 64;
        int r = CHUNK - size; // the record ends on the chunk's last byte
        assertTrue(freeSpace <= r, "the real chunk has room after its live records");
        Arrays.fill(file, chunk + freeSpace, chunk + CHUNK, (byte) 0); // its slack cleared, then one record written at its end
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int at = chunk + r;
        b.putInt(at, EvtxLayout.RECORD_SIGNATURE).putInt(at + 4, size).putLong(at + 8, 77).putLong(at + 16, Le.i64(file, chunk + 512 + 16));
        int p = at + 28;
        b.putInt(at + 24, 0x0001010f);                      // fragment header
        b.put(p, (byte) 0x0c).putInt(p + 2, 0x12345678).putInt(p + 6, 512); // instance; its template is not at 0x200
        b.putInt(p + 10, 1);                                // one value
        b.putShort(p + 14, (short) 14).put(p + 16, (byte) ValueText.BINXML);
        int v = p + 18 - chunk;                             // the value, 14 bytes, as offset in the chunk
        b.putInt(chunk + v, 0x0001010f).put(chunk + v + 4, (byte) 0x0c).putInt(chunk + v + 6, 1).putInt(chunk + v + 10, v + 14);
        b.putInt(at + size - 4, size);                      // the size copy
        assertEquals(CHUNK, r + size);

        EvtxReads.Result after = EvtxReads.read(file, "damaged");

        assertEquals(List.of(), after.rejects());
        EvtxInfo.require();
        assertEquals(EvtxInfo.records(SharedData.require(FILE)).orElseThrow(), after.events().size(), "evtxinfo's records");
        for (int i = 0; i < before.events().size(); i++) {
            assertEquals(before.events().get(i).fields(), after.events().get(i).fields(), "live record " + i);
        }
        long damagedAt = (long) at;
        boolean kept = after.recovered().stream().anyMatch(e -> e.source().offset() == damagedAt && e.templateLost());
        boolean named = after.warnings().stream().anyMatch(w -> w.offset() == damagedAt);
        assertTrue(kept || named, "the damaged record is kept TemplateLost or named in a warning: " + after.warnings()
                + " " + after.recovered().stream().map(RawEvent::source).toList());
    }
}
