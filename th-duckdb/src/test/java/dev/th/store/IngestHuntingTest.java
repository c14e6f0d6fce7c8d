package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.hunt.ioc.IocList;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.InputReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user hunting at ingest: TH's pack and an IoC list over the two EVTX samples (the
 * PsExec one gives 5 IoAs, the runas one 3, as {@code th hunt} finds; PsExec64.exe's MD5 is in
 * four events: its creation and its three actions).
 */
class IngestHuntingTest {
    @TempDir
    Path dir;

    @Test
    void huntsTheSamplesAsTheyAreStoredAndNothingTwice() throws Exception {
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        IocList iocs = IocList.parse(List.of("md5:9321C107D1F7E336CDA550A2BF049108"), "psexec64");
        Path evtx = Path.of("..", "samples", "evtx");
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            List<String> done = new ArrayList<>();
            IngestHunting.Found found;
            try (Ingest ingest = Ingest.into(store, "default")) {
                ingest.listener(new Ingest.Listener() {
                    @Override
                    public void inputDone(InputReport report) {
                        done.add(report.path());
                    }
                });
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of(iocs));
                IngestReport r = ingest.run(List.of(evtx), new Sources(), Readers.defaults());
                assertEquals(24 + r.recovered(), r.stored(), "15 events in the PsExec sample, 9 in the runas one, and the recovered ones");
                assertEquals(24, Ingest_RealDataTest.count(store, "SELECT count(*) FROM events WHERE NOT Recovered"));
                found = hunting.finish();
            }
            assertEquals(2, done.size(), "the listener set before is still told");
            assertNull(found.failure());
            assertEquals(8, found.ioas());
            assertEquals(8, found.newIoas());
            // PsExec64.exe's creation and its six actions (Sysmon 13, 11, 22 and three pipe connections,
            // Sysmon 18), which carry its MD5 as ParentMd5
            assertEquals(7, found.newDetections());
            assertEquals(8, found.byRule().values().stream().mapToLong(Long::longValue).sum());
            assertEquals(1, found.byRule().get("Process started by the PsExec service"));
            assertEquals(5, found.byRule().entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase().contains("psexec")).mapToLong(Map.Entry::getValue).sum());

            RetroHunt retro = new RetroHunt(store.connection());
            assertEquals(8, retro.ioas().count());
            assertEquals(7, retro.iocs().detections());
            RetroHunt.Result again = retro.run(pack::compile, null, null, null, Instant.now());
            assertEquals(8, again.hits());
            assertEquals(found.byRule(), again.hitsByRule(), "hunting at ingest finds what hunting the store finds");
            assertEquals(0, again.newIoas(), "the IoAs written at ingest are the ones a hunt of the store makes");

            try (Ingest ingest = Ingest.into(store, "default")) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                assertEquals(0, ingest.run(List.of(evtx), new Sources(), Readers.defaults()).stored());
                IngestHunting.Found twice = hunting.finish();
                assertEquals(0, twice.ioas(), "inputs stored before are not hunted again");
                assertEquals(0, twice.newDetections());
            }
            assertEquals(8, retro.ioas().count());
        }
    }
}
