package dev.th.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.ingest.Ingest;
import dev.th.ingest.Readers;
import dev.th.ingest.Sources;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.store.DuckDbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DuckDbEngine#pooled}: duplicates of the store's connection answer side by side what the
 * store's own connection counts, see what it commits later, and closing the pool leaves the
 * store's connection open. Over the samples' comsvcs log (in the checkout).
 */
class DuckDbEngine_PooledTest {
    @TempDir
    Path dir;

    @Test
    void manyThreadsAskThePoolAndAllGetTheStoresAnswer() throws Exception {
        Path samples = samples();
        try (DuckDbStore store = DuckDbStore.open(dir)) {
            try (Ingest ingest = Ingest.into(store, "acme")) {
                ingest.run(List.of(samples.resolve("json/psh_lsass_memory_dump_comsvcs.zip")), new Sources(), Readers.defaults());
            }
            long events = count(store);
            DuckDbEngine pool = DuckDbEngine.pooled(store.connection().unwrap(DuckDBConnection.class), store.file(), 3);
            assertEquals(3, pool.connections());
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(threads.submit(() -> ((Number) pool.execute(Query.from("events")
                        .select(Expr.count(), "n")).rows().get(0)[0]).longValue()));
            }
            for (Future<Long> f : answers) {
                assertEquals(events, f.get());
            }
            threads.shutdown();

            try (Ingest ingest = Ingest.into(store, "beta")) {
                ingest.run(List.of(samples.resolve("json/purplesharp_pe_injection_createremotethread.zip")), new Sources(),
                        Readers.defaults());
            }
            long after = count(store);
            assertTrue(after > events);
            assertEquals(after, ((Number) pool.execute(Query.from("events").select(Expr.count(), "n"))
                    .rows().get(0)[0]).longValue(), "the pool sees what the store committed");
            pool.close();
            assertEquals(after, count(store), "the store's own connection is still open");
        }
        assertThrows(IllegalArgumentException.class, () -> DuckDbEngine.pooled(null, dir, 0));
    }

    private static long count(DuckDbStore store) throws Exception {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples/json"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/ of the checkout not found from " + Path.of("").toAbsolutePath());
    }
}
