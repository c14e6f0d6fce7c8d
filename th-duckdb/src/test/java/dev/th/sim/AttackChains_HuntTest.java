package dev.th.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.IngestReport;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.store.DuckDbStore;
import dev.th.store.IngestHunting;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated fleet's attack chains, hunted: the EVTX files {@code th simulate --format evtx}
 * writes are ingested client by client with hunting on (TH's pack and SigmaHQ's Windows rules),
 * and every rule the ground truth expects on an event is an IoA on that machine at that time;
 * every step of every chain is caught by at least one IoA.
 */
class AttackChains_HuntTest {
    @TempDir
    Path dir;

    @Test
    void everyExpectedIoaIsFoundAtTheRecordedTime() throws Exception {
        Path sigma = SharedData.require("sigma/rules/windows");
        FleetTemplates t = FleetTemplates.read(List.of(Path.of("..", "samples")));
        FleetGenerator g = new FleetGenerator(t, 20, 120, LocalDate.of(2025, 6, 30)).seed(11).attacks(3);
        Path logs = dir.resolve("logs");
        g.evtx(logs, 2);
        g.chains().writeTruth(logs.resolve(AttackChains.TRUTH_FILE));
        List<AttackChains.Truth> truth = AttackChains.readTruth(logs.resolve(AttackChains.TRUTH_FILE));
        assertEquals(3, truth.stream().mapToInt(AttackChains.Truth::chain).distinct().count());

        RuleSet rules = RuleSet.load(List.of(RulePack.materialize(), sigma));
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("store"))) {
            for (String client : List.of("acme", "globex")) {
                try (Ingest ingest = Ingest.into(store, client)) {
                    IngestHunting hunting = IngestHunting.attach(ingest, store, rules::compile, List.of());
                    IngestReport report = ingest.run(List.of(logs.resolve(client)), new Sources(), Readers.defaults());
                    assertEquals(0, report.rejected(), client);
                    IngestHunting.Found found = hunting.finish();
                    assertEquals(null, found.failure());
                }
            }
            List<String> missing = new ArrayList<>();
            Set<String> caughtSteps = new HashSet<>();
            Set<String> steps = new HashSet<>();
            try (PreparedStatement q = store.connection().prepareStatement(
                    "SELECT ruleId FROM ioas WHERE machineName = ? AND clientId = ? AND alertDateTime = ?")) {
                for (AttackChains.Truth row : truth) {
                    steps.add(row.chain() + " " + row.step());
                    q.setString(1, row.machine());
                    q.setString(2, row.client());
                    q.setTimestamp(3, Timestamp.valueOf(row.time().atOffset(ZoneOffset.UTC).toLocalDateTime()));
                    Set<String> found = new HashSet<>();
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getString(1));
                        }
                    }
                    if (!found.isEmpty()) {
                        caughtSteps.add(row.chain() + " " + row.step());
                    }
                    for (String rule : row.rules()) {
                        if (!found.contains(rule)) {
                            missing.add(rule + " on " + row.machine() + " at " + row.time() + " (" + row.what() + ")");
                        }
                    }
                }
            }
            assertEquals(List.of(), missing, "expected IoAs not found");
            assertEquals(steps, caughtSteps, "every step of every chain raises at least one IoA");
            assertTrue(truth.stream().mapToLong(r -> r.rules().size()).sum() >= 3 * 30, "the rules expected per chain");
        }
    }
}
