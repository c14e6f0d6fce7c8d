package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.EventSink;
import dev.th.event.RawEvent;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.evtx.EvtxReader;
import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.GapIoas;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.dflib.DataFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Record-id gaps as IoAs of TH's pack, on a real EVTX file (PanacheSysmon, 17 chunks, 565 live
 * records with consecutive EventRecordIDs) and a copy of it with whole chunks taken out (the file
 * header's chunk count and checksum rewritten): the copy gives one IoA per hole, with the missing
 * ranges the test finds by reading both files; the file itself and an export without record ids
 * give none; hunting again adds nothing; {@code Machine.coverage()} lists the same holes.
 */
class RecordGapsTest {
    private static final String PANACHE = "evtx/evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx";
    private static final int FILE_HEADER = 4096;
    private static final int CHUNK = 65536;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCopyWithChunksTakenOutGivesOneIoaPerHoleAndTheFileItselfNone() throws Exception {
        Path original = SharedData.require(PANACHE);
        byte[] bytes = Files.readAllBytes(original);
        int chunks = (bytes.length - FILE_HEADER) / CHUNK;
        assertTrue(chunks >= 12, "the file has " + chunks + " chunks");
        Path copy = dir.resolve("panache-holes.evtx");
        Files.write(copy, withoutChunks(bytes, chunks, List.of(4, 5, 9)));

        Map<Long, Integer> all = liveRecords(original);
        Map<Long, Integer> kept = liveRecords(copy);
        long first = all.keySet().iterator().next();
        long last = ((TreeMap<Long, Integer>) all).lastKey();
        assertEquals(last - first + 1, all.size(), "the original's live record ids are consecutive");
        List<long[]> expected = holes(all, kept);
        assertEquals(2, expected.size(), "chunks 4-5 and 9 are two holes");

        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("holes"))) {
            IngestHunting.Found found = ingest(store, pack, copy);
            assertNull(found.failure());
            List<Ioa> gaps = gapIoas(store);
            assertEquals(expected.size(), gaps.size());
            assertEquals(expected.size(), found.byRule().get(GapIoas.TITLE));
            for (int i = 0; i < expected.size(); i++) {
                long[] hole = expected.get(i);
                Ioa a = gaps.get(i);
                JsonNode gap = JSON.readTree(a.details()).get("gap");
                assertEquals("Microsoft-Windows-Sysmon/Operational", gap.get("channel").asText());
                assertEquals(hole[0], gap.get("firstMissing").asLong());
                assertEquals(hole[1], gap.get("lastMissing").asLong());
                assertEquals(hole[1] - hole[0] + 1, gap.get("missing").asLong());
                assertEquals(hole[0] - 1, gap.get("before").get("recordId").asLong());
                assertEquals(hole[1] + 1, gap.get("after").get("recordId").asLong());
                assertEquals(all.get(hole[0] - 1), gap.get("before").get("eventId").asInt());
                assertEquals(all.get(hole[1] + 1), gap.get("after").get("eventId").asInt());
                assertTrue(a.mitre().contains("T1070.001 Clear Windows Event Logs"), a.mitre());
                assertTrue(a.mitre().contains("T1562.002 Disable Windows Event Logging"), a.mitre());
                assertEquals("medium", a.severity());
                assertTrue(a.eventRef().endsWith("panache-holes.evtx#" + (hole[1] + 1)), a.eventRef());
            }

            RetroHunt retro = new RetroHunt(store.connection());
            long stored = retro.ioas().count();
            RetroHunt.Result again = retro.run(pack::compile, null, null, null, Instant.now());
            assertEquals(0, again.newIoas(), "a second hunt adds nothing");
            assertEquals(expected.size(), again.hitsByRule().get(GapIoas.TITLE));
            assertEquals(stored, retro.ioas().count());
            // a hunt of a period raises the holes seen after in it: the first hole's only
            Instant firstAfter = gaps.get(0).alertDateTime();
            RetroHunt.Result period = retro.run(pack::compile, firstAfter, firstAfter.plusNanos(1), null, Instant.now());
            assertEquals(Set.of(gaps.get(0).id()), period.ioaIds().stream()
                    .filter(id -> gaps.stream().anyMatch(g -> g.id().equals(id))).collect(Collectors.toSet()));

            // the original fills the holes: a hunt finds none left, the IoAs already raised stay
            ingest(store, pack, original);
            assertEquals(List.of(), RecordGaps.find(store.connection(), null));
            assertEquals(expected.size(), gapIoas(store).size());
        }

        // Machine.coverage() lists the same holes
        Path cov = dir.resolve("coverage");
        try (DuckDbStore store = DuckDbStore.open(cov)) {
            ingest(store, pack, copy);
        }
        try (TH th = TH.open(cov).defaultPeriod(TimePeriod.all())) {
            DataFrame c = th.machines().get(0).coverage();
            assertEquals(1, c.height());
            List<String> ranges = new ArrayList<>();
            long missing = 0;
            for (long[] hole : expected) {
                ranges.add(hole[0] == hole[1] ? String.valueOf(hole[0]) : hole[0] + "-" + hole[1]);
                missing += hole[1] - hole[0] + 1;
            }
            assertEquals(String.join(", ", ranges), c.get("Gaps", 0));
            assertEquals(missing, c.get("MissingRecords", 0));
        }

        try (DuckDbStore store = DuckDbStore.open(dir.resolve("clean"))) {
            IngestHunting.Found found = ingest(store, pack, original);
            assertNull(found.failure());
            assertEquals(List.of(), gapIoas(store), "a clean file has no hole");
            assertNull(found.byRule().get(GapIoas.TITLE));
        }
    }

    @Test
    void twoFilesOfOneChannelIngestedApartGiveTheHoleBetweenThem() throws Exception {
        Path original = SharedData.require(PANACHE);
        byte[] bytes = Files.readAllBytes(original);
        int chunks = (bytes.length - FILE_HEADER) / CHUNK;
        // the chunks each file leaves out: the first holds chunks 0-3, the second 6 to the end
        List<Integer> early = new ArrayList<>();
        List<Integer> late = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            if (c >= 4) {
                early.add(c);
            }
            if (c < 6) {
                late.add(c);
            }
        }
        Path first = Files.write(dir.resolve("first.evtx"), withoutChunks(bytes, chunks, early));
        Path second = Files.write(dir.resolve("second.evtx"), withoutChunks(bytes, chunks, late));
        Map<Long, Integer> all = liveRecords(original);
        Map<Long, Integer> kept = new TreeMap<>(liveRecords(first));
        kept.putAll(liveRecords(second));
        List<long[]> expected = holes(all, kept);
        assertEquals(1, expected.size(), "chunks 4 and 5 are in neither file");

        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("apart"))) {
            ingest(store, pack, first);
            assertEquals(List.of(), gapIoas(store), "the first file alone is whole");
            IngestHunting.Found found = ingest(store, pack, second);
            assertEquals(1L, found.byRule().get(GapIoas.TITLE));
            List<Ioa> gaps = gapIoas(store);
            assertEquals(1, gaps.size());
            JsonNode gap = JSON.readTree(gaps.get(0).details()).get("gap");
            assertEquals(expected.get(0)[0], gap.get("firstMissing").asLong());
            assertEquals(expected.get(0)[1], gap.get("lastMissing").asLong());
            assertTrue(gaps.get(0).eventRef().contains("second.evtx#"), gaps.get(0).eventRef());
        }
    }

    @Test
    void anExportWithoutRecordIdsRaisesNoGap() throws Exception {
        Path json = Path.of("..", "samples", "json", "purplesharp_pe_injection_createremotethread.zip");
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            ingest(store, pack, json);
            assertTrue(Ingest_RealDataTest.count(store, "SELECT count(*) FROM events") > 0);
            assertEquals(0, Ingest_RealDataTest.count(store,
                    "SELECT count(*) FROM events WHERE json_extract_string(Fields, '$.EventRecordID') IS NOT NULL"),
                    "the OTRF export carries no EventRecordID");
            assertEquals(List.of(), gapIoas(store));
            RetroHunt.Result r = new RetroHunt(store.connection()).run(pack::compile, null, null, null, Instant.now());
            assertNull(r.hitsByRule().get(GapIoas.TITLE));
        }
    }

    @Test
    void recordsCarvedFromSlackAreNotInTheSequence() throws Exception {
        // IEWIN7's file: its live records, and one record recovered from a chunk's slack space
        Path file = SharedData.require("evtx/evtx-attack-samples/Execution/exec_persist_rundll32_mshta_scheduledtask_sysmon_1_3_11.evtx");
        Map<Long, Integer> live = liveRecords(file);
        List<Long> carved = new ArrayList<>();
        new EvtxReader().read(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString(), "x", new EventSink() {
            @Override
            public void accept(RawEvent e) {
                if (e.recovered()) {
                    carved.add(Long.parseLong(e.fields().get("EventRecordID")));
                }
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new AssertionError(reason);
            }
        });
        assertEquals(1, carved.size(), "evtxinfo: 1 recovered record");
        long first = live.keySet().iterator().next();
        long last = ((TreeMap<Long, Integer>) live).lastKey();
        Map<Long, Integer> whole = new TreeMap<>();
        for (long id = first; id <= last; id++) {
            whole.put(id, 0);
        }
        List<long[]> expected = holes(whole, live);
        assertTrue(carved.get(0) < first - 1 || carved.get(0) > last + 1 || expected.size() > 0,
                "the carved record " + carved + " would make or fill a hole in " + first + ".." + last);
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            ingest(store, pack, file);
            assertEquals(1, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE Recovered"));
            List<Ioa> gaps = gapIoas(store);
            assertEquals(expected.size(), gaps.size(), "holes of the live records only");
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i)[0], JSON.readTree(gaps.get(i).details()).get("gap").get("firstMissing").asLong());
            }
        }
    }

    private static IngestHunting.Found ingest(DuckDbStore store, RuleSet pack, Path path) throws Exception {
        try (Ingest ingest = Ingest.into(store, "default")) {
            IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
            ingest.run(List.of(path), new Sources(), Readers.defaults());
            return hunting.finish();
        }
    }

    private static List<Ioa> gapIoas(DuckDbStore store) throws Exception {
        return new IoaTable(store.connection()).list(new IoaTable.IoaQuery(null, null, null, null,
                List.of(GapIoas.RULE_ID), null, true));
    }

    /** The file without the chunks {@code drop} (0-based), its header's chunk count and checksum set. */
    private static byte[] withoutChunks(byte[] bytes, int chunks, List<Integer> drop) {
        ByteBuffer out = ByteBuffer.allocate(FILE_HEADER + (chunks - drop.size()) * CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        out.put(bytes, 0, FILE_HEADER);
        for (int c = 0; c < chunks; c++) {
            if (!drop.contains(c)) {
                out.put(bytes, FILE_HEADER + c * CHUNK, CHUNK);
            }
        }
        byte[] b = out.array();
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int left = chunks - drop.size();
        h.putLong(16, left - 1); // last chunk number
        h.putShort(42, (short) left); // chunk count
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        h.putInt(124, (int) crc.getValue());
        return b;
    }

    /** EventRecordID to event id of the file's live records (not carved from slack). */
    private static Map<Long, Integer> liveRecords(Path file) throws Exception {
        Map<Long, Integer> ids = new TreeMap<>();
        new EvtxReader().read(new ByteArrayInputStream(Files.readAllBytes(file)), file.toString(), "x", new EventSink() {
            @Override
            public void accept(RawEvent e) {
                if (!e.recovered()) {
                    ids.put(Long.parseLong(e.fields().get("EventRecordID")), e.eventId());
                }
            }

            @Override
            public void reject(long offset, long records, String reason) {
                throw new AssertionError(file + " at " + offset + ": " + reason);
            }
        });
        return ids;
    }

    /** The ranges of ids in {@code all} and not in {@code kept}. */
    private static List<long[]> holes(Map<Long, Integer> all, Map<Long, Integer> kept) {
        List<long[]> out = new ArrayList<>();
        long[] open = null;
        for (long id : all.keySet()) {
            if (kept.containsKey(id)) {
                open = null;
            } else if (open != null && open[1] == id - 1) {
                open[1] = id;
            } else {
                open = new long[] {id, id};
                out.add(open);
            }
        }
        return out;
    }
}
