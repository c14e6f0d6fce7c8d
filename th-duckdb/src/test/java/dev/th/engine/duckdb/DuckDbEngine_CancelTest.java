package dev.th.engine.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.QueryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real slow DuckDB query (a cross join of 10^13 rows) cancelled from another thread. */
class DuckDbEngine_CancelTest {
    @TempDir
    Path tmp;

    @Test
    void aSlowQueryIsCancelledAndTheEngineAnswersAfterwards() throws Exception {
        Path file = tmp.resolve("slow.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
            st.execute("CREATE VIEW slow AS SELECT count(*) AS n FROM range(100000000) a, range(100000) b"
                    + " WHERE (a.range * b.range) % 7 = 3");
            st.execute("CREATE TABLE small AS SELECT range AS n FROM range(3)");
        }
        try (DuckDbEngine engine = new DuckDbEngine(file)) {
            CompletableFuture<Thread> asking = new CompletableFuture<>();
            CompletableFuture<String> outcome = CompletableFuture.supplyAsync(() -> {
                asking.complete(Thread.currentThread());
                String failed;
                try {
                    engine.execute(Query.from("slow").select(Expr.col("n"), "n"));
                    failed = "not cancelled";
                } catch (QueryException e) {
                    failed = e.getMessage();
                }
                engine.resume();
                return failed + " | then " + engine.execute(Query.from("small").select(Expr.col("n"), "n")).rows().size() + " rows";
            });
            Thread t = asking.get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 300 && !engine.runs(t); i++) {
                Thread.sleep(50);
            }
            assertTrue(engine.runs(t), "the slow query runs");
            Thread.sleep(300);
            long start = System.nanoTime();
            engine.cancel(t);
            String said = outcome.get(30, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(said.startsWith("the query was cancelled"), said);
            assertTrue(said.endsWith("then 3 rows"), said);
            assertTrue(ms < 10_000, "cancelled after " + ms + " ms");
            assertEquals(3, engine.execute(Query.from("small").select(Expr.col("n"), "n")).rows().size());
        }
    }
}
