package dev.th.cli;

import dev.th.lake.SparkEngine;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.store.Machines;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.builder.DataFrameArrayAppender;

/** {@code th machines --db LAKE}: the lake's machines table, read by Spark, in the columns and order of the store's list. */
final class LakeMachines {
    private LakeMachines() {
    }

    static DataFrame list(Path lake) {
        Query q = Query.from("machines").selectColumns(List.of(Machines.COLUMNS))
                .orderBy(Expr.col("ClientId"), false).orderBy(Expr.col("MachineName"), false).orderBy(Expr.col("Muid"), false);
        DataFrameArrayAppender rows = DataFrame.byArrayRow(Machines.COLUMNS).appender();
        try (SparkEngine engine = new SparkEngine(lake)) {
            if (!engine.hasTable("machines")) {
                throw new IllegalArgumentException("the lake " + lake + " has no machines table (th lake ingest or th lake export makes it)");
            }
            for (Object[] r : engine.execute(q).rows()) {
                rows.append(r[0], r[1], r[2], time(r[3]), time(r[4]), ((Number) r[5]).longValue(), r[6]);
            }
        }
        return rows.toDataFrame();
    }

    private static LocalDateTime time(Object v) {
        return v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : (LocalDateTime) v;
    }
}
