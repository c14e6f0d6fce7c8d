package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.GapIoas;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaStatus;
import dev.th.hunt.ioa.RulePack;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.store.DuckDbStore;
import dev.th.store.IoaTable;
import dev.th.store.RetroHunt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code th hunt} on the lake as a Spark job (local[2]) against the embedded retro-hunt of the
 * store the lake was exported from, with TH's rule pack: the same IoAs, field for field (the
 * embedded hunt's record-id gap IoAs aside: the lake hunt does not make them); a second hunt
 * stores nothing twice and keeps a status a hunter set; the lake's ioas table answers as the
 * state store holds.
 */
class LakeHuntIT {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static Path store;
    static Path lake;
    static List<Ioa> embedded;
    static List<RuleSet.Text> rules;

    @BeforeAll
    static void build() throws Exception {
        store = OtrfStore.make("th-lakehunt-store");
        lake = Files.createTempDirectory("th-lakehunt");
        LakeExport.run(store, lake); // the events, before the store is hunted
        Path pack = RulePack.materialize();
        rules = RuleSet.texts(List.of(pack));
        try (DuckDbStore s = DuckDbStore.open(store)) {
            RetroHunt hunt = new RetroHunt(s.connection());
            hunt.run(RuleSet.load(List.of(pack))::compile, null, null, null, NOW);
            embedded = hunt.ioas().list(IoaTable.IoaQuery.all()).stream()
                    .filter(a -> !GapIoas.RULE_ID.equals(a.ruleId())).sorted(Comparator.comparing(Ioa::id)).toList();
        }
        assertFalse(embedded.isEmpty(), "TH's rule pack finds IoAs in the two OTRF samples");
    }

    @Test
    void theLakeHuntFindsWhatTheEmbeddedHuntFinds() throws Exception {
        LakeHunt.Result first = LakeHunt.run(lake, rules, null, null, NOW);
        assertTrue(first.tasks() >= 1);
        List<Ioa> onLake;
        try (LakeState state = LakeState.open(lake)) {
            onLake = state.ioas().list(IoaTable.IoaQuery.all()).stream().sorted(Comparator.comparing(Ioa::id)).toList();
        }
        assertEquals(embedded.size(), onLake.size(), "as many IoAs as the embedded hunt");
        for (int i = 0; i < embedded.size(); i++) {
            assertEquals(embedded.get(i), onLake.get(i), "IoA " + embedded.get(i).id());
        }
        assertEquals(embedded.size(), first.newIoas());
        try (LakeStore events = new LakeStore(lake)) {
            assertEquals(events.count("events"), first.events(), "every event of the lake tested once");
            assertEquals(onLake.size(), events.count("ioas"), "the lake's ioas table holds the state's IoAs");
        }

        String id = onLake.get(0).id();
        try (LakeState state = LakeState.open(lake)) {
            assertTrue(state.ioas().setStatus(id, IoaStatus.CLOSED));
        }
        LakeHunt.Result again = LakeHunt.run(lake, rules, null, null, NOW.plusSeconds(60));
        assertEquals(0, again.newIoas(), "a second hunt stores nothing twice");
        assertEquals(first.hits(), again.hits());
        try (LakeState state = LakeState.open(lake)) {
            assertEquals(onLake.size(), state.ioas().count());
            assertEquals(IoaStatus.CLOSED.label(), state.ioas().get(id).status(), "the hunter's status stays");
        }

        // the store (now hunted: the same IoAs, status new) exported again into the lake with a state
        LakeExport.run(store, lake);
        try (LakeState state = LakeState.open(lake); LakeStore onSpark = new LakeStore(lake)) {
            assertEquals(onLake.size(), state.ioas().count(), "the store's IoAs are the lake's: none added");
            assertEquals(IoaStatus.CLOSED.label(), state.ioas().get(id).status(), "the status set on the lake stays");
            assertEquals(onLake.size(), onSpark.count("ioas"));
        }
    }

    /** Counts rows of the lake's tables on Spark. */
    record LakeStore(SparkEngine engine) implements AutoCloseable {
        LakeStore(Path lake) {
            this(new SparkEngine(lake));
        }

        long count(String table) {
            return ((Number) engine.execute(Query.from(table).select(Expr.count(), "n")).rows().get(0)[0]).longValue();
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
