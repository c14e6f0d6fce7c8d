package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Recovered records of the real files: older records left in the chunks' slack space, which
 * libyal's evtxinfo counts as "recovered records" (whole record headers with a binary XML start,
 * decodable or not). In every file TH must find as many: each one stored flagged recovered, or a
 * warning with its offset when it does not decode; and it must reject nothing.
 */
class EvtxReader_RecoveredTest {

    @TestFactory
    Stream<DynamicTest> everyRealFileGivesAsManyRecoveredRecordsAsEvtxinfo() throws Exception {
        EvtxInfo.require();
        Path root = SharedData.require("evtx");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        Path regression = SharedData.require("sigma-regression");
        try (Stream<Path> s = Files.walk(regression)) {
            files = Stream.concat(files.stream(), s.filter(p -> p.toString().endsWith(".evtx")).sorted()).toList();
        }
        assertTrue(files.size() >= 100, files.size() + " EVTX files");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            tests.add(DynamicTest.dynamicTest(root.getParent().relativize(f).toString(), () -> check(f)));
        }
        return tests.stream();
    }

    private static void check(Path file) throws Exception {
        OptionalLong expected = EvtxInfo.recovered(file);
        EvtxReads.Result r = EvtxReads.read(file);
        assertEquals(List.of(), r.rejects(), "rejects");
        long fragments = r.warnings().stream().filter(w -> w.message().contains("slack space does not decode")).count();
        if (expected.isPresent()) {
            assertEquals(expected.getAsLong(), r.recovered().size() + fragments,
                    () -> "recovered records and undecodable fragments vs evtxinfo; " + r.warnings().stream().limit(4).toList());
        }
        for (RawEvent e : r.recovered()) {
            assertTrue(e.recovered());
            long chunk = (e.source().offset() - 4096) / 65536 * 65536 + 4096;
            long freeSpace = chunk + Le.u32(Files.readAllBytes(file), (int) chunk + 48);
            assertTrue(e.source().offset() >= freeSpace, "recovered at " + e.source().offset()
                    + " is inside the live region (free space at " + freeSpace + ")");
        }
    }
}
