package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IoAs of an input beyond a count wait in a temporary file until the input is stored: the
 * same IoAs reach the table as when they all wait on the heap (the two samples: 8 IoAs, as
 * {@link IngestHuntingTest} counts them).
 */
class IngestHunting_SpillTest {
    @TempDir
    Path dir;

    @Test
    void spilledIoasAreTheSameAsHeldOnes() throws Exception {
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        List<String> held = ioas(pack, Integer.MAX_VALUE, dir.resolve("held"));
        List<String> spilled = ioas(pack, 1, dir.resolve("spilled"));
        assertEquals(8, held.size());
        assertEquals(held, spilled);
    }

    private static List<String> ioas(RuleSet pack, int spillAt, Path d) throws Exception {
        try (DuckDbStore store = DuckDbStore.open(d)) {
            IngestHunting.Found found;
            try (Ingest ingest = Ingest.into(store, "default")) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                hunting.spillAt = spillAt;
                ingest.run(List.of(Path.of("..", "samples", "evtx")), new Sources(), Readers.defaults());
                found = hunting.finish();
            }
            assertNull(found.failure());
            assertEquals(8, found.ioas());
            return Ingest_ThreadsTest.rows(store, "SELECT * EXCLUDE (timeStamp) FROM ioas ORDER BY id");
        }
    }
}
