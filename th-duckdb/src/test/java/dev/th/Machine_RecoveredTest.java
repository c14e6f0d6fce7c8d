package dev.th;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxReader;
import dev.th.fixture.Stores;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code recovered} option of the questions: a log that wrapped, built from the real Panache
 * Sysmon log (the first 3 records of its chunk 9 written over its chunk 2, as Windows reuses a
 * chunk), holds live Sysmon 1 and older Sysmon 1 in the slack space. The expected counts come
 * from reading the built file apart, record by record.
 */
class Machine_RecoveredTest {
    private static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    @TempDir
    Path dir;

    private static byte[] wrapped() throws Exception {
        byte[] log = Files.readAllBytes(SharedData.require(PANACHE));
        int from = HEADER + 9 * CHUNK;
        int p = from + 512;
        for (int i = 0; i < 3; i++) {
            p += ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN).getInt(p + 4);
        }
        byte[] file = Arrays.copyOf(log, HEADER + CHUNK);
        System.arraycopy(log, HEADER + 2 * CHUNK, file, HEADER, CHUNK);
        System.arraycopy(log, from, file, HEADER, p - from);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long first = b.getLong(HEADER + 8);
        b.putLong(HEADER + 16, first + 2).putLong(HEADER + 32, first + 2).putInt(HEADER + 48, p - from);
        CRC32 crc = new CRC32();
        crc.update(file, HEADER + 512, p - from - 512);
        b.putInt(HEADER + 52, (int) crc.getValue());
        crc.reset();
        crc.update(file, HEADER, 120);
        crc.update(file, HEADER + 128, 384);
        b.putInt(HEADER + 124, (int) crc.getValue());
        b.putShort(42, (short) 1);
        crc.reset();
        crc.update(file, 0, 120);
        b.putInt(124, (int) crc.getValue());
        return file;
    }

    /** Sysmon 1 of {@code file} read apart: [live, recovered]. */
    private static long[] sysmon1(byte[] file) throws Exception {
        long[] n = {0, 0};
        new EvtxReader().read(new ByteArrayInputStream(file), "wrapped", "x", new EventSink() {
            @Override
            public void accept(RawEvent e) {
                if (e.eventId() == 1 && "Microsoft-Windows-Sysmon/Operational".equals(e.channel())) {
                    n[e.recovered() ? 1 : 0]++;
                }
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new AssertionError(reason);
            }
        });
        return n;
    }

    @Test
    void includeOnlyAndExcludeSplitTheRecoveredRecords() throws Exception {
        byte[] file = wrapped();
        long[] n = sysmon1(file);
        assertTrue(n[0] > 0 && n[1] > 0, Arrays.toString(n));
        Path evtx = Files.write(dir.resolve("wrapped.evtx"), file);
        try (TH th = TH.open(Stores.source(Stores.build("th-recovered", List.of(evtx))), Stores.CLOCK).defaultPeriod(TimePeriod.all())) {
            Machine m = th.machine("MSEDGEWIN10");
            assertEquals(n[0] + n[1], m.executions().operation(Operation.Process.CREATE).fetch().size());
            assertEquals(n[0] + n[1], m.executions().operation(Operation.Process.CREATE).recovered(RecoveredRows.INCLUDE).fetch().size());
            assertEquals(n[0], m.executions().operation(Operation.Process.CREATE).recovered("exclude").fetch().size());
            assertEquals(n[1], m.executions().operation(Operation.Process.CREATE).recovered("only").fetch().size());
            assertEquals(n[1], m.executions().operation(Operation.Process.CREATE).recoveredCount());
            assertEquals(0, m.executions().operation(Operation.Process.CREATE).recovered("exclude").recoveredCount());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.executions().recovered("some"));
            assertTrue(e.getMessage().contains("only") && e.getMessage().contains("exclude"), e.getMessage());
        }
    }
}
