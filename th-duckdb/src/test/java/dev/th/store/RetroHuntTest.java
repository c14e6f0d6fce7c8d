package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaStatus;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.normalize.Normalizer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retro-hunting the store: the pack's IoAs on the ingested samples, dedup, hunter changes across restarts. */
class RetroHuntTest {
    static RuleSet pack;
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        pack = RuleSet.load(List.of(RulePack.materialize()));
    }

    static IngestReport ingest(DuckDbStore store, Path... paths) {
        try (Ingest ingest = Ingest.sequential(store, "default")) {
            return ingest.run(List.of(paths), new Sources(), Readers.defaults());
        }
    }

    static Path samples() {
        return Path.of("..", "samples");
    }

    static Map<String, Integer> byRule(List<Ioa> ioas) {
        Map<String, Integer> m = new TreeMap<>();
        ioas.forEach(a -> m.merge(a.huntingRule(), 1, Integer::sum));
        return m;
    }

    @Test
    void huntsOnceKeepsHunterChangesAndRehuntsNothingNew() throws Exception {
        String comsvcsId;
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            IngestReport r = ingest(store, samples().resolve("evtx"), samples().resolve("json"));
            assertEquals(900 + r.recovered(), r.stored());
            RetroHunt hunt = new RetroHunt(store.connection());
            RetroHunt.Result first = hunt.run(pack::compile, null, null, null, NOW);
            assertEquals(900 + r.recovered(), first.events());
            assertEquals(22, first.hits());
            assertEquals(22, first.newIoas());
            RetroHunt.Result again = hunt.run(pack::compile, null, null, null, NOW.plusSeconds(3600));
            assertEquals(22, again.hits());
            assertEquals(0, again.newIoas(), "re-hunting the same data creates nothing twice");
            assertEquals(22, hunt.ioas().count());

            List<Ioa> all = hunt.ioas().list(dev.th.store.IoaTable.IoaQuery.all());
            Map<String, Integer> counts = byRule(all);
            assertEquals(3, counts.get("Security audit log cleared"));
            assertEquals(2, counts.get("LSASS dump through comsvcs.dll MiniDump"));
            assertEquals(1, counts.get("Process started by the PsExec service"));
            assertTrue(all.stream().allMatch(a -> a.timeStamp().equals(NOW)), "timeStamp is when the IoA was first produced");

            // System 104 at 03:12:00.975 and 03:12:00.991 on WORKSTATION5: the second counts the first
            List<Ioa> cleared = all.stream().filter(a -> a.huntingRule().equals("Event log cleared")).toList();
            assertEquals(List.of(0, 1), cleared.stream().map(Ioa::lastHourEvidenceCount).toList());
            // 1102 on three machines: nothing of the same rule on the same machine before
            assertTrue(all.stream().filter(a -> a.huntingRule().equals("Security audit log cleared"))
                    .allMatch(a -> a.lastHourEvidenceCount() == 0));

            comsvcsId = all.stream().filter(a -> a.eventRef().endsWith("#107")).findFirst().orElseThrow().id();
            assertTrue(hunt.ioas().setStatus(comsvcsId, IoaStatus.INVESTIGATING));
            assertTrue(hunt.ioas().setExcluded(comsvcsId, true));
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            RetroHunt hunt = new RetroHunt(store.connection());
            Ioa a = hunt.ioas().get(comsvcsId);
            assertEquals("investigating", a.status());
            assertTrue(a.excluded());
            assertEquals(0, hunt.run(pack::compile, null, null, null, NOW).newIoas());
            a = hunt.ioas().get(comsvcsId);
            assertEquals("investigating", a.status(), "a hunt never overwrites the hunter's status");
            assertTrue(a.excluded());
            assertEquals(NOW, a.timeStamp());
            assertEquals(Normalizer.muid("default", "WORKSTATION5"), a.muid());
        }
    }

    @Test
    void oneInputAtATimeAsAtIngestAndByPeriod() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            IngestReport r = ingest(store, samples().resolve("evtx"));
            RetroHunt hunt = new RetroHunt(store.connection());
            InputReport psexec = r.files().stream().filter(f -> f.path().contains("PSexec")).findFirst().orElseThrow();
            RetroHunt.Result one = hunt.run(pack::compile, null, null, List.of(psexec.contentHash()), NOW);
            assertEquals(15 + psexec.recovered(), one.events());
            assertEquals(5, one.newIoas());
            // the runas sample is of 2021-11-13, the PsExec one of 2021-12-04
            RetroHunt.Result nov = hunt.run(pack::compile, Instant.parse("2021-11-01T00:00:00Z"),
                    Instant.parse("2021-12-01T00:00:00Z"), null, NOW);
            assertEquals(9 + Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE Recovered"
                    + " AND DateTime >= '2021-11-01' AND DateTime < '2021-12-01'"), nov.events(), "9 live events and the recovered ones");
            assertEquals(3, nov.newIoas());
            assertEquals(8, hunt.ioas().count());
        }
    }
}
