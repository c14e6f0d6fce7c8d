package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.th.hunt.RuleSet;
import dev.th.hunt.ioa.RulePack;
import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest that stops after its inputs' events are committed but before their IoAs are (the
 * process killed; here {@link IngestHunting#finish} is never called): the next ingest of the same
 * inputs finds them stored, and hunts them, so the store ends with the IoAs of an ingest never
 * stopped (the two EVTX samples: 8, as {@code IngestHuntingTest} counts them).
 */
class IngestHunting_KilledTest {
    @TempDir
    Path tmp;

    @Test
    void theNextIngestHuntsWhatAStoppedOneStoredUnhunted() throws Exception {
        RuleSet pack = RuleSet.load(List.of(RulePack.materialize()));
        Path evtx = Path.of("..", "samples", "evtx");
        List<String> whole;
        try (DuckDbStore store = DuckDbStore.open(tmp.resolve("whole"))) {
            try (Ingest ingest = Ingest.into(store, "default")) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                ingest.run(List.of(evtx), new Sources(), Readers.defaults());
                assertEquals(0, hunting.finish().rehunted());
            }
            whole = ioas(store);
        }
        assertEquals(8, whole.size(), "the samples' IoAs: " + whole);

        Path dir = tmp.resolve("stopped");
        try (DuckDbStore store = DuckDbStore.open(dir); Ingest ingest = Ingest.into(store, "default")) {
            IngestHunting.attach(ingest, store, pack::compile, List.of());
            ingest.run(List.of(evtx), new Sources(), Readers.defaults());
            // stopped here: the events are committed (at close), the IoAs never written
        }
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            assertEquals(List.of(), ioas(store), "the stopped ingest wrote no IoA");
            IngestHunting.Found again;
            try (Ingest ingest = Ingest.into(store, "default")) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                assertEquals(0, ingest.run(List.of(evtx), new Sources(), Readers.defaults()).stored(), "both inputs are stored");
                again = hunting.finish();
            }
            assertNull(again.failure());
            assertEquals(2, again.rehunted(), "the two inputs of the stopped ingest are hunted again");
            assertEquals(8, again.newIoas());
            assertEquals(whole, ioas(store), "the IoAs of an ingest never stopped");

            try (Ingest ingest = Ingest.into(store, "default")) {
                IngestHunting hunting = IngestHunting.attach(ingest, store, pack::compile, List.of());
                ingest.run(List.of(evtx), new Sources(), Readers.defaults());
                IngestHunting.Found third = hunting.finish();
                assertEquals(0, third.rehunted(), "once hunted, the inputs are not hunted again");
                assertEquals(0, third.ioas());
            }
            assertEquals(whole, ioas(store));
        }
    }

    private static List<String> ioas(DuckDbStore store) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = store.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT id, status, excluded, ruleId, sourceHash, recordId, alertDateTime FROM ioas ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3) + " " + rs.getString(4) + " "
                        + rs.getString(5) + "#" + rs.getLong(6) + " " + rs.getString(7));
            }
        }
        return out;
    }
}
