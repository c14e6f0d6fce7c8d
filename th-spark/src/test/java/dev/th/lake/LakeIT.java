package dev.th.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.Hits;
import dev.th.Machine;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.dflib.DataFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lake on Spark local[2] against the DuckDB store it was exported from, on the OTRF samples. */
class LakeIT {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2020-10-23T12:00:00Z"), ZoneOffset.UTC);
    static Path store;
    static Path lake;
    static LakeExport.Result first;

    @BeforeAll
    static void build() throws Exception {
        store = OtrfStore.make("th-lake-store");
        lake = Files.createTempDirectory("th-lake");
        first = LakeExport.run(store, lake);
    }

    /** Every seed question's answer, row by row, as text (doubles to 9 places). */
    static List<String> rows(DataFrame df) {
        List<String> out = new ArrayList<>();
        List<String> cols = List.of(df.getColumnsIndex().toArray());
        for (int i = 0; i < df.height(); i++) {
            StringBuilder sb = new StringBuilder();
            for (String c : cols) {
                Object v = df.getColumn(c).get(i);
                sb.append(c).append('=').append(v instanceof Double d ? String.format("%.9f", d) : String.valueOf(v)).append(' ');
            }
            out.add(sb.toString());
        }
        return out;
    }

    static void same(String what, Function<TH, DataFrame> question) {
        try (TH duck = TH.open(store, CLOCK).defaultPeriod(TimePeriod.all());
                TH spark = TH.open(lake, CLOCK).defaultPeriod(TimePeriod.all())) {
            List<String> a = rows(question.apply(duck));
            List<String> b = rows(question.apply(spark));
            assertFalse(a.isEmpty(), what + ": the DuckDB answer is empty, nothing compared");
            // every ordered answer has a total order (the query's order, then every column): row for row
            assertEquals(a.size(), b.size(), what + ": another row count on Spark");
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i), b.get(i), what + ": row " + i + " differs on Spark");
            }
        }
    }

    @Test
    void theLakeOpensOnSpark() {
        assertTrue(Lake.isLake(lake));
        try (TH th = TH.open(lake, CLOCK)) {
            assertTrue(th.machines().size() > 0);
        }
        try (SparkEngine e = new SparkEngine(lake)) {
            assertEquals("spark", e.name());
        }
    }

    @Test
    void executionsTieOnTimeSoTheOrderNeedsItsTieBreakers() {
        try (TH duck = TH.open(store, CLOCK).defaultPeriod(TimePeriod.all())) {
            DataFrame df = firstMachine(duck).executions().fetch().frame();
            java.util.Set<Object> times = new java.util.HashSet<>();
            df.getColumn("DateTime").forEach(times::add);
            long distinct = times.size();
            assertTrue(distinct < df.height(), "rows at the same millisecond: " + distinct + " times for " + df.height() + " rows");
        }
    }

    @Test
    void seedQuestionsAnswerTheSameOnBothEngines() {
        same("machines", th -> th.machines().frame());
        same("executions", th -> firstMachine(th).executions().fetch().frame());
        same("files", th -> firstMachine(th).files().fetch().frame());
        same("registry", th -> firstMachine(th).registry().fetch().frame());
        same("processes", th -> firstMachine(th).processes().fetch().frame());
        same("timetable", th -> firstMachine(th).timetable());
    }

    static Machine firstMachine(TH th) {
        Hits<Machine> all = th.machines();
        return all.list().stream().filter(m -> m.eventCount() > 0).findFirst().orElseThrow();
    }

    @Test
    void aClientDateQuestionPrunesPartitions() throws Exception {
        LocalDate day;
        long expected;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + store.resolve("th.duckdb"));
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT \"Date\", count(*) FROM events GROUP BY 1 ORDER BY 2 DESC LIMIT 1")) {
            rs.next();
            day = rs.getObject(1, LocalDate.class);
            expected = rs.getLong(2);
        }
        Query q = Query.from("events").select(Expr.count(), "n")
                .where(Cond.eq("ClientId", "default")).where(Cond.eq("Date", day));
        try (SparkEngine e = new SparkEngine(lake)) {
            String plan = e.plan(q);
            assertTrue(plan.contains("PartitionFilters: [") && plan.contains("ClientId") && plan.contains("Date"), plan);
            assertFalse(plan.contains("PartitionFilters: []"), plan);
            assertEquals(expected, ((Number) e.execute(q).rows().get(0)[0]).longValue());
        }
    }

    @Test
    void exportingTwiceStoresNothingTwice() throws Exception {
        assertTrue(first.written().contains("events"), first.toString());
        long before = files(lake);
        LakeExport.Result again = LakeExport.run(store, lake);
        assertEquals(first.version(), again.version());
        assertTrue(again.written().isEmpty(), again.toString());
        assertEquals(before, files(lake));
        try (Stream<Path> s = Files.walk(lake.resolve("events"))) {
            assertTrue(s.anyMatch(p -> p.toString().contains("ClientId=default") && p.toString().contains("Date=")));
        }
    }

    static long files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}
