package dev.th.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.event.RawEvent;
import dev.th.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EVTX writer against real logs: every live record of every real EVTX file of the test data
 * (the attack samples and the Sigma regression files) is written anew, and the written file is
 * read by TH's reader (same events, same fields, no warning: every checksum valid, nothing
 * rejected or recovered) and by independent readers, libyal's evtxexport and evtxinfo and
 * python-evtx (every record, no error, the same System values and EventData).
 */
class EvtxWriter_RoundTripTest {
    /** What evtxexport's records are flattened to besides the EventData. */
    private static final List<String> HEADER = List.of("EventID", "Computer", "Channel", "Provider_Name", "EventRecordID",
            "TimeCreated");
    /** The System part's flattened names (TH's reader): not EventData. */
    private static final java.util.Set<String> SYSTEM = java.util.Set.of("Provider_Name", "Provider_Guid",
            "Provider_EventSourceName", "EventID", "EventID_Qualifiers", "Version", "Level", "Task", "Opcode", "Keywords",
            "TimeCreated", "EventRecordID", "Correlation_ActivityID", "Correlation_RelatedActivityID",
            "Execution_ProcessID", "Execution_ThreadID", "Channel", "Computer", "Security_UserID");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyRealRecordReadsBackTheSame() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("evtx", "sigma-regression")) {
            try (Stream<Path> s = Files.walk(SharedData.require(dir))) {
                s.filter(p -> p.toString().endsWith(".evtx")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 100, "the real EVTX files of the test data: " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(SharedData.root().relativize(f).toString(), () -> check(f)));
    }

    private void check(Path original) throws Exception {
        List<RawEvent> events = EvtxReads.read(original).events();
        Path written = tmp.resolve(original.getFileName().toString());
        try (EvtxWriter w = new EvtxWriter(written)) {
            for (RawEvent e : events) {
                w.write(e);
            }
        }
        EvtxReads.Result back = EvtxReads.read(written);
        assertEquals(List.of(), back.rejects());
        assertEquals(List.of(), back.warnings(), "checksums and counters of the written file");
        assertEquals(List.of(), back.recovered());
        assertEquals(events.size(), back.events().size());
        for (int i = 0; i < events.size(); i++) {
            RawEvent a = events.get(i);
            RawEvent b = back.events().get(i);
            String where = "record " + (i + 1) + " of " + original.getFileName();
            assertEquals(a.time(), b.time(), where);
            assertEquals(a.provider(), b.provider(), where);
            assertEquals(a.channel(), b.channel(), where);
            assertEquals(a.eventId(), b.eventId(), where);
            assertEquals(a.computer(), b.computer(), where);
            assertEquals(i + 1, b.recordId(), where);
            assertEquals(withoutRecordId(a.fields()), withoutRecordId(b.fields()), where);
        }

        EvtxInfo.require();
        assertEquals(events.size(), EvtxInfo.records(written).orElse(-1), "evtxinfo's record count");
        assertEquals(0, EvtxInfo.recovered(written).orElse(-1), "evtxinfo's recovered records");
        EvtxExport.require();
        compare(events, EvtxExport.export(written), "evtxexport", 0, original);
        EvtxExport.requirePythonEvtx();
        compare(events, EvtxExport.pythonEvtx(written), "python-evtx", 5000, original);
    }

    private static void compare(List<RawEvent> events, EvtxExport.Result x, String tool, long toleranceNanos, Path original) {
        assertEquals(0, x.exitCode(), x.errors());
        assertEquals("", x.errors().replaceFirst("^evtxexport \\S+\\s*", "").strip(), tool + "'s errors");
        assertEquals(events.size(), x.records().size(), "records " + tool + " printed");
        for (int i = 0; i < events.size(); i++) {
            RawEvent a = events.get(i);
            Map<String, String> r = x.records().get(i);
            String where = tool + ", record " + (i + 1) + " of " + original.getFileName();
            assertEquals(null, r.get("xml-error"), where);
            assertEquals(String.valueOf(a.eventId()), r.get("EventID"), where);
            assertEquals(a.computer(), r.get("Computer"), where);
            assertEquals(a.channel(), r.get("Channel"), where);
            assertEquals(a.provider(), r.get("Provider_Name"), where);
            assertEquals(String.valueOf(i + 1), r.get("EventRecordID"), where);
            // evtxexport prints the time to 100 ns; python-evtx to the microsecond, through a float of
            // seconds since 1601 (up to a few microseconds off, as on the original files)
            long off = Math.abs(java.time.Duration.between(a.time(), EvtxExport.instant(r.get("TimeCreated"))).toNanos());
            assertTrue(off <= toleranceNanos, where + ": TimeCreated " + r.get("TimeCreated") + " for " + a.time());
            java.util.Set<String> data = new java.util.HashSet<>(a.fields().keySet());
            data.removeAll(SYSTEM);
            for (Map.Entry<String, String> f : r.entrySet()) {
                if (!HEADER.contains(f.getKey())) {
                    // an XML parser reads CR LF as LF (XML 1.0, end-of-line handling)
                    assertEquals(a.fields().get(f.getKey()).replace("\r\n", "\n").replace('\r', '\n'), f.getValue(),
                            where + ", " + f.getKey());
                }
            }
            java.util.Set<String> printed = new java.util.HashSet<>(r.keySet());
            printed.removeAll(HEADER);
            assertEquals(data, printed, where + ": the EventData names");
        }
    }

    private static Map<String, String> withoutRecordId(Map<String, String> fields) {
        Map<String, String> m = new LinkedHashMap<>(fields);
        m.remove("EventRecordID");
        return m;
    }
}
