package dev.th.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.normalize.Normalizer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store of normalizer version 5 (no External, LanShared, AttrEvidence, sightings) enriched in
 * place by {@link Renormalizer} through {@link AttributeFill}: every row as a fresh ingest made
 * it (every column), the same sightings, and the rows not made again (same rowids). Here on the
 * hand-made events of attrs-a.xml and attrs-b.xml (share writes, UNC paths, System drops, carried
 * attributes); on the LSASS campaign (its Edge download is External) in {@code Kinds_RealDataTest}.
 */
class AttributeFillTest {
    @TempDir
    Path dir;

    @Test
    void handMadeAttributes_filledInPlace_asAFreshIngest() throws Exception {
        try (DuckDbStore store = DuckDbStore.open(dir.resolve("db"))) {
            for (String name : new String[] {"attrs-a.xml", "attrs-b.xml"}) {
                Path p = dir.resolve(name);
                try (InputStream in = AttributeFillTest.class.getResourceAsStream(name)) {
                    Files.copy(in, p);
                }
                Ingest_RealDataTest.ingest(store, List.of(p));
            }
            store.joinProcesses();
            assertTrue(count(store, "SELECT count(*) FROM events WHERE LanShared") >= 3); // there is something to fill
            fillAndCompare(store, 2);
        }
    }

    /** Turns {@code store} back into version 5, fills it, and checks it against what it was. */
    static void fillAndCompare(DuckDbStore store, int inputs) throws SQLException {
        try (Statement st = store.connection().createStatement()) {
            st.execute("CREATE OR REPLACE TABLE fresh_all AS SELECT rowid AS rid, * FROM events");
            st.execute("CREATE OR REPLACE TABLE fresh_all_sightings AS SELECT * FROM sightings");
            // what normalizer version 5 stored
            st.execute("UPDATE events SET External = NULL, LanShared = NULL, AttrEvidence = NULL");
            st.execute("DROP TABLE sightings");
            st.execute("UPDATE inputs SET NormalizerVersion = 5");
        }
        long events = count(store, "SELECT count(*) FROM events");
        assertTrue(count(store, "SELECT count(*) FROM fresh_all WHERE External OR LanShared") > 0);
        long[] last = new long[2];
        List<Renormalizer.Result> results = new Renormalizer(store).progress((done, total) -> {
            last[0] = done;
            last[1] = total;
        }).run(false);
        assertEquals(inputs, results.size());
        assertEquals(5, results.get(0).fromVersion());
        assertEquals(events, results.stream().mapToLong(Renormalizer.Result::events).sum());
        assertEquals(events, last[0]);
        assertEquals(events, last[1]);
        // every column of every row as the fresh ingest made it, at the same place (not made again)
        assertEquals(0, count(store, "SELECT count(*) FROM (SELECT * FROM fresh_all EXCEPT SELECT rowid, * FROM events)"));
        assertEquals(events, count(store, "SELECT count(*) FROM fresh_all"));
        long sightings = count(store, "SELECT count(*) FROM sightings");
        assertEquals(count(store, "SELECT count(*) FROM fresh_all_sightings"), sightings);
        assertEquals(sightings, count(store, "SELECT count(*) FROM sightings JOIN fresh_all_sightings USING (Client, FileKey, Machine, FirstSeen)"));
        assertEquals(inputs, count(store, "SELECT count(*) FROM inputs WHERE NormalizerVersion = " + Normalizer.VERSION));
        assertEquals(List.of(), new Renormalizer(store).run(false));
    }

    private static long count(DuckDbStore store, String sql) throws SQLException {
        return Ingest_RealDataTest.count(store, sql);
    }
}
