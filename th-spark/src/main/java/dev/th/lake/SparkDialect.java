package dev.th.lake;

import dev.th.query.Expr;
import dev.th.query.SqlDialect;
import java.util.List;

/** Spark SQL's spelling of what differs from the shared SQL: back-quoted identifiers. */
final class SparkDialect implements SqlDialect {

    @Override
    public String quote(String identifier) {
        SqlDialect.super.quote(identifier);
        return "`" + identifier + "`";
    }

    @Override
    public String call(Expr.Fn fn, List<String> args) {
        return switch (fn) {
            case TRUNC_DAY -> "CAST(date_trunc('DAY', " + args.get(0) + ") AS TIMESTAMP_NTZ)";
            case TRUNC_HOUR -> "CAST(date_trunc('HOUR', " + args.get(0) + ") AS TIMESTAMP_NTZ)";
            default -> SqlDialect.super.call(fn, args);
        };
    }
}
