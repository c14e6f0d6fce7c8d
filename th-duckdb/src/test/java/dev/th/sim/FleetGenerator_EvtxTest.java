package dev.th.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.evtx.EvtxExport;
import dev.th.evtx.EvtxInfo;
import dev.th.ingest.Readers;
import dev.th.ingest.Source;
import dev.th.ingest.SourceVisitor;
import dev.th.ingest.Sources;
import dev.th.model.CanonicalEvent;
import dev.th.model.Column;
import dev.th.normalize.Normalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th simulate --format evtx}: the fleet written as EVTX files by TH's writer reads back,
 * in TH's reader, as the same events as the JSON lines output of the same seed (the same
 * normalized rows, field for field), with no reject and no warning (every checksum valid); libyal's
 * evtxinfo and evtxexport and python-evtx read every record of every file with no error; the files are the same
 * bytes for the same seed; and the ground truth's rows are events the files hold.
 */
class FleetGenerator_EvtxTest {
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final LocalDate LAST = LocalDate.of(2025, 6, 30);
    /** Where the two outputs differ by design: the source, and the record numbering EVTX does. */
    private static final Set<Column> SOURCE = EnumSet.of(Column.RecordId, Column.SourceHash, Column.SourcePath,
            Column.SourceOffset, Column.AlsoLogged, Column.Fields);

    @TempDir
    Path dir;

    private static FleetGenerator fleet(FleetTemplates t) {
        return new FleetGenerator(t, 20, 150, LAST).seed(5).attacks(2);
    }

    @Test
    void theEvtxFleetIsTheNdjsonFleetInEveryReader() throws Exception {
        FleetTemplates t = FleetTemplates.read(List.of(SAMPLES));
        FleetGenerator g = fleet(t);
        FleetGenerator.EvtxFleet f = g.evtx(dir.resolve("evtx"), 2);
        long nd = fleet(t).ndjson(dir.resolve("ndjson"), 2);
        assertEquals(0, f.tooLarge(), f.problems().toString());
        assertEquals(nd, f.events(), "the same events in both outputs");

        Read evtx = read(dir.resolve("evtx"));
        Read ndjson = read(dir.resolve("ndjson"));
        assertEquals(List.of(), evtx.problems, "rejects and warnings of TH's reader on the EVTX fleet");
        assertEquals(f.events(), evtx.count);
        assertEquals(ndjson.byLog.keySet(), evtx.byLog.keySet(), "machines and channels");
        Normalizer normalizer = new Normalizer();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, List<RawEvent>> log : ndjson.byLog.entrySet()) {
            List<RawEvent> a = log.getValue();
            List<RawEvent> b = evtx.byLog.get(log.getKey());
            assertEquals(a.size(), b.size(), log.getKey());
            for (int i = 0; i < a.size(); i++) {
                String where = log.getKey() + " #" + (i + 1);
                assertTrue(b.get(i).source().path().endsWith(".evtx"), where);
                assertEquals(i + 1, b.get(i).recordId(), where + ": EVTX numbers a log's records from 1");
                CanonicalEvent x = normalizer.normalize(a.get(i), "acme");
                CanonicalEvent y = normalizer.normalize(b.get(i), "acme");
                for (Column c : Column.values()) {
                    if (!SOURCE.contains(c)) {
                        assertEquals(x.get(c), y.get(c), where + ", " + c);
                    }
                }
                // EVTX keeps time to 100 ns, the store to the microsecond
                assertEquals(a.get(i).time().truncatedTo(ChronoUnit.MICROS), b.get(i).time().truncatedTo(ChronoUnit.MICROS), where);
                Map<?, ?> fx = new TreeMap<>(json.readValue(x.text(Column.Fields), Map.class));
                Map<?, ?> fy = new TreeMap<>(json.readValue(y.text(Column.Fields), Map.class));
                for (Map<?, ?> m : List.of(fx, fy)) {
                    m.remove("EventRecordID");
                    m.remove("TimeCreated");
                }
                assertEquals(fx, fy, where + ": Fields");
            }
        }

        // the ground truth's events are in the files, on their machine and channel, at their time
        List<AttackChains.Truth> truth = g.chains().truth();
        assertEquals(2, truth.stream().mapToInt(AttackChains.Truth::chain).distinct().count());
        for (AttackChains.Truth row : truth) {
            List<RawEvent> log = evtx.byLog.get(row.machine() + " | " + row.channel());
            assertTrue(log != null && log.stream().anyMatch(e -> e.time().equals(row.time()) && e.eventId() == row.eventId()),
                    "ground truth " + row + " is an event of the EVTX fleet");
        }
        g.chains().writeTruth(dir.resolve(AttackChains.TRUTH_FILE));
        assertEquals(truth, AttackChains.readTruth(dir.resolve(AttackChains.TRUTH_FILE)));

        // deterministic: the same seed writes the same bytes
        fleet(t).evtx(dir.resolve("again"), 2);
        List<Path> files = evtxFiles(dir.resolve("evtx"));
        assertEquals(f.files(), files.size());
        for (Path p : files) {
            assertEquals(-1, Files.mismatch(p, dir.resolve("again").resolve(dir.resolve("evtx").relativize(p))), p.toString());
        }

        // independent readers: every record of every file, no error
        EvtxInfo.require();
        EvtxExport.require();
        long exported = 0;
        for (Path p : files) {
            long records = evtx.perFile.get(p.toString());
            assertEquals(records, EvtxInfo.records(p).orElse(-1), "evtxinfo on " + p);
            assertEquals(0, EvtxInfo.recovered(p).orElse(-1), "evtxinfo's recovered records in " + p);
            EvtxExport.Result x = EvtxExport.export(p);
            assertEquals(0, x.exitCode(), x.errors());
            assertEquals("", x.errors().replaceFirst("^evtxexport \\S+\\s*", "").strip(), "evtxexport's errors on " + p);
            assertEquals(records, x.records().size(), "records evtxexport printed from " + p);
            for (Map<String, String> r : x.records()) {
                assertFalse(r.containsKey("xml-error"), r.toString());
            }
            exported += x.records().size();
            EvtxExport.requirePythonEvtx();
            EvtxExport.Result py = EvtxExport.pythonEvtx(p);
            assertEquals(0, py.exitCode(), py.errors());
            assertEquals(records, py.records().size(), "records python-evtx printed from " + p);
            for (Map<String, String> r : py.records()) {
                assertFalse(r.containsKey("xml-error"), r.toString());
            }
        }
        assertEquals(f.events(), exported);
    }

    static List<Path> evtxFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
    }

    /** Every event under a folder, by machine and channel in the order read, as ingest reads them. */
    static final class Read {
        final Map<String, List<RawEvent>> byLog = new TreeMap<>();
        final Map<String, Long> perFile = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        long count;
    }

    static Read read(Path root) {
        Read r = new Read();
        new Sources().forEach(List.of(root), new SourceVisitor() {
            @Override
            public void source(Source s) throws IOException {
                s.read(Readers.defaults(), new EventSink() {
                    @Override
                    public void accept(RawEvent e) {
                        r.byLog.computeIfAbsent(e.computer() + " | " + e.channel(), k -> new ArrayList<>()).add(e);
                        r.perFile.merge(s.displayPath(), 1L, Long::sum);
                        r.count++;
                    }

                    @Override
                    public void reject(long offset, long records, String reason) {
                        r.problems.add(s.displayPath() + " @" + offset + ": " + reason);
                    }

                    @Override
                    public void warn(long offset, String message) {
                        r.problems.add(s.displayPath() + " @" + offset + " (warning): " + message);
                    }
                });
            }

            @Override
            public void skipped(String displayPath, String reason) {
                r.problems.add(displayPath + " skipped: " + reason);
            }
        });
        return r;
    }
}
