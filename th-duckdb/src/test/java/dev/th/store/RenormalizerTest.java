package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.normalize.Normalizer;
import dev.th.testing.SharedData;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store as version 1 left it (the WFP events raw, no clock fix, no normalizer version) gets
 * today's answers from {@link Renormalizer}, from the events' own fields.
 */
class RenormalizerTest {
    @TempDir
    Path dir;

    @Test
    void anOldStore_getsTheNewMapping_once() throws SQLException {
        Path zip = SharedData.require(Store_LinkTest.PURPLESHARP);
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            Ingest_RealDataTest.ingest(store, List.of(zip));
            try (Statement st = store.connection().createStatement()) {
                // what version 1 stored: 5156 raw, TimeCreated as DateTime, no version
                st.execute("UPDATE events SET Family = 'raw', Operation = NULL, Direction = NULL, RemoteIp = NULL WHERE EventId = 5156");
                st.execute("UPDATE events SET DateTime = DateTime - INTERVAL 240 MINUTE, ClockShift = NULL");
                st.execute("UPDATE inputs SET NormalizerVersion = NULL");
            }
            assertEquals(0, count(store, "SELECT count(*) FROM events WHERE Family = 'network'"));

            List<Renormalizer.Result> results = new Renormalizer(store).run(false);
            assertEquals(1, results.size());
            assertEquals(1, results.get(0).fromVersion());
            assertEquals(692, results.get(0).events());
            assertTrue(String.join("\n", results.get(0).notes()).contains("+04:00"), results.get(0).notes().toString());

            // WORKSTATION5's 12 WFP connections again: 7 outgoing, 5 incoming (counted in the JSON)
            assertEquals(7, count(store, "SELECT count(*) FROM events WHERE EventId = 5156 AND Family = 'network' AND Direction = 'Outgoing'"));
            assertEquals(5, count(store, "SELECT count(*) FROM events WHERE EventId = 5156 AND Family = 'network' AND Direction = 'Incoming'"));
            assertEquals(692, count(store, "SELECT count(*) FROM events WHERE ClockShift = 240"));
            assertEquals(1, count(store, "SELECT count(*) FROM events WHERE EventId = 1 AND ChildFilename = 'PurpleSharp.exe' "
                    + "AND DateTime = TIMESTAMP '2020-10-23 07:12:04.351'"));
            assertEquals(692, count(store, "SELECT count(*) FROM events"));
            assertEquals(Normalizer.VERSION, count(store, "SELECT NormalizerVersion FROM inputs"));

            // up to date now: a second run has nothing to do
            assertEquals(List.of(), new Renormalizer(store).run(false));
        }
    }

    private static long count(DuckDbStore store, String sql) throws SQLException {
        return Ingest_RealDataTest.count(store, sql);
    }
}
