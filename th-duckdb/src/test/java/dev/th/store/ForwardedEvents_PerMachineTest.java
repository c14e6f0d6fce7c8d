package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.event.RawEvent;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.testing.RealEvents;
import dev.th.testing.WindowsExports;
import dev.th.testing.WindowsExports.PowerShell;
import dev.th.testing.WindowsExports.XmlForm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forwarded-events log holds the records of many machines, each numbering its records on its
 * own: here the nine real EVTX files of ../shared/data/evtx (seven machines; MSEDGEWIN10's and
 * IEWIN7's Sysmon logs both hold records 4125 to 4132) in one file, as EVTX (their chunks one after
 * the other under one file header, as a collector's log keeps them), as Event Viewer's XML with
 * RenderingInfo and unnamed Data, and as Get-WinEvent JSON. Each, ingested into a real store,
 * gives every machine exactly its live events, per channel and event id, as python-evtx counted
 * them in reference-counts.json, with nothing rejected (and, for the exports, which hold live
 * records only, nothing taken for a duplicate; the EVTX file's chunks also give the records
 * recovered from their slack, flagged Recovered and left out of the counts here).
 */
class ForwardedEvents_PerMachineTest {
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;

    @TempDir
    Path tmp;

    private static List<Path> evtxFiles() throws IOException {
        try (Stream<Path> s = Files.walk(ReferenceCounts.data("evtx"))) {
            return s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
    }

    /** Machine|Channel|EventID → count, from reference-counts.json over the given files. */
    private static Map<String, Long> expected(List<Path> files) throws IOException {
        Map<String, JsonNode> ref = ReferenceCounts.load().evtx();
        Path data = ReferenceCounts.data("");
        Map<String, Long> want = new TreeMap<>();
        for (Path f : files) {
            JsonNode entry = ref.get(data.relativize(f).toString().replace('\\', '/'));
            entry.get("by_computer_channel_eventid").fields()
                    .forEachRemaining(e -> want.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        return want;
    }

    @TestFactory
    List<DynamicTest> eachMachineGetsItsOwnEvents() throws IOException {
        List<Path> files = evtxFiles();
        Map<String, Long> want = expected(files);
        long total = want.values().stream().mapToLong(Long::longValue).sum();
        List<RawEvent> events = new ArrayList<>();
        for (Path f : files) {
            events.addAll(RealEvents.evtx(f));
        }
        Map<String, byte[]> forwarded = new java.util.LinkedHashMap<>();
        forwarded.put("ForwardedEvents.evtx", concatenatedChunks(files));
        forwarded.put("ForwardedEvents.xml", WindowsExports.utf16le(WindowsExports.xml(events, new XmlForm(true, true, true))));
        forwarded.put("ForwardedEvents.json",
                WindowsExports.getWinEventJson(events, PowerShell.CORE_7).getBytes(StandardCharsets.UTF_8));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, byte[]> x : forwarded.entrySet()) {
            tests.add(DynamicTest.dynamicTest(x.getKey(), () -> {
                Path file = tmp.resolve(x.getKey());
                Files.write(file, x.getValue());
                Path dir = Files.createDirectory(tmp.resolve(x.getKey() + ".db"));
                try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "default")) {
                    IngestReport r = ingest.run(List.of(file), new Sources(), Readers.defaults());
                    assertEquals(0, r.rejected(), r.toString());
                    // the EVTX form also holds the records carved from its chunks' slack: those that
                    // copy a live record are its only duplicates, never a live record of another machine
                    assertEquals(total, r.read() - r.recovered(), "live records read");
                    assertEquals(r.recovered() - r.duplicates(), storedRecovered(store),
                            "records of another machine with the same record id are no duplicates");
                    assertEquals(want, stored(store));
                }
            }));
        }
        return tests;
    }

    private static long storedRecovered(DuckDbStore store) throws SQLException {
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Schema.EVENTS + " WHERE Recovered")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The live records stored, per machine, channel and event id. */
    private static Map<String, Long> stored(DuckDbStore store) throws SQLException {
        Map<String, Long> got = new TreeMap<>();
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT MachineName, Channel, EventId, count(*) FROM " + Schema.EVENTS
                        + " WHERE Recovered IS NOT TRUE GROUP BY ALL")) {
            while (rs.next()) {
                got.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3), rs.getLong(4));
            }
        }
        return got;
    }

    /**
     * One EVTX file of the chunks of all {@code files}, in order, under the first file's header
     * with its chunk count, last chunk number and checksum set for the chunks it now has.
     */
    static byte[] concatenatedChunks(List<Path> files) throws IOException {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        int n = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            for (int at = HEADER; at + CHUNK <= b.length; at += CHUNK) {
                if (new String(b, at, 8, StandardCharsets.US_ASCII).equals("ElfChnk\0")) {
                    chunks.write(b, at, CHUNK);
                    n++;
                }
            }
        }
        byte[] header = Arrays.copyOf(Files.readAllBytes(files.get(0)), HEADER);
        ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(8, 0);
        h.putLong(16, n - 1);
        h.putShort(42, (short) n);
        CRC32 crc = new CRC32();
        crc.update(header, 0, 120);
        h.putInt(124, (int) crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        chunks.writeTo(out);
        return out.toByteArray();
    }
}
