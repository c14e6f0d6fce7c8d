package dev.th.engine.duckdb;

import dev.th.query.Expr;
import dev.th.query.SqlDialect;
import java.util.List;

/** DuckDB's spelling of the functions that differ from the shared SQL. */
final class DuckDbDialect implements SqlDialect {

    @Override
    public String call(Expr.Fn fn, List<String> args) {
        return switch (fn) {
            case ISO_WEEKDAY -> "isodow(" + args.get(0) + ")";
            case JSON_FIELD -> "json_extract_string(" + args.get(0) + ", concat('$.', " + args.get(1) + "))";
            case JSON_NUMBER -> "TRY_CAST(json_extract_string(" + args.get(0) + ", concat('$.', " + args.get(1) + ")) AS BIGINT)";
            case FRESH_UNKNOWN -> freshUnknown(args, "to_days(CAST(" + args.get(6) + " AS INTEGER))");
            default -> SqlDialect.super.call(fn, args);
        };
    }
}
