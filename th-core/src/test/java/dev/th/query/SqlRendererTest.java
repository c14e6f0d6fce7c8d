package dev.th.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The query model renders to SQL whose values are all bound parameters. */
class SqlRendererTest {
    final SqlRenderer renderer = new SqlRenderer(new SqlDialect() { });

    @Test
    void valuesAreParametersNeverText() {
        String evil = "x' OR '1'='1";
        Query q = Query.from("events").selectColumns(List.of("Muid", "CommandLine"))
                .where(Cond.eq("Muid", evil))
                .where(Cond.contains("CommandLine", evil))
                .where(Cond.in("Operation", List.of("create", evil)))
                .where(new Cond.EndsWith(Expr.col("LoggedUser"), "\\" + evil, true))
                .limit(5);
        Sql sql = renderer.render(q);
        assertFalse(sql.text().contains("OR '1'"), sql.text());
        assertEquals("SELECT \"Muid\" AS \"Muid\", \"CommandLine\" AS \"CommandLine\" FROM \"events\" WHERE (\"Muid\" = ? AND "
                + "coalesce(instr(lower(\"CommandLine\"), ?) > 0, false) AND \"Operation\" IN (?, ?) AND "
                + "coalesce(right(lower(\"LoggedUser\"), length(?)) = ?, false)) LIMIT ?", sql.text());
        assertEquals(List.of(evil, evil.toLowerCase(), "create", evil, "\\" + evil.toLowerCase(), "\\" + evil.toLowerCase(), 5),
                sql.params());
    }

    @Test
    void groupingOrderingAndInnerQueries() {
        Expr day = Expr.call(Expr.Fn.DAY, Expr.col("DateTime"));
        Query inner = Query.from("events").select(day, "D").select(Expr.count(), "N").groupBy(day);
        Query outer = Query.from(inner).select(Expr.call(Expr.Fn.ISO_WEEKDAY, Expr.col("D")), "W")
                .select(Expr.call(Expr.Fn.AVG, Expr.col("N")), "A")
                .groupBy(Expr.call(Expr.Fn.ISO_WEEKDAY, Expr.col("D")))
                .orderBy(Expr.col("W"), false);
        assertEquals("SELECT ((dayofweek(\"D\") + 5) % 7 + 1) AS \"W\", avg(\"N\") AS \"A\" FROM (SELECT CAST(\"DateTime\" AS DATE) AS \"D\", "
                + "count(*) AS \"N\" FROM \"events\" GROUP BY CAST(\"DateTime\" AS DATE)) AS t GROUP BY ((dayofweek(\"D\") + 5) % 7 + 1) "
                + "ORDER BY \"W\" ASC NULLS LAST, 1 ASC NULLS LAST, 2 ASC NULLS LAST", renderer.render(outer).text());
    }

    @Test
    void emptyListsAndNamesAreSafe() {
        Sql sql = renderer.render(Query.from("events").select(Expr.count(), "N").where(Cond.in("Muid", List.of())));
        assertEquals("SELECT count(*) AS \"N\" FROM \"events\" WHERE 1 = 0", sql.text());
        assertThrows(IllegalArgumentException.class, () -> renderer.render(Query.from("events; DROP TABLE x").select(Expr.count(), "N")));
        assertThrows(IllegalArgumentException.class, () -> renderer.render(Query.from("events").select(Expr.col("a\"b"), "N")));
        assertThrows(IllegalArgumentException.class, () -> renderer.render(Query.from("events")));
    }
}
