package dev.th.query;

import java.util.List;

/**
 * What differs between engines' SQL: identifier quoting and the functions of {@link Expr.Fn}.
 * The default methods are SQL that both DuckDB and Spark SQL understand; an engine overrides
 * only what it spells differently.
 */
public interface SqlDialect {

    /** A quoted identifier; rejects names that are not plain identifiers. */
    default String quote(String identifier) {
        if (!identifier.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: '" + identifier + "'");
        }
        return "\"" + identifier + "\"";
    }

    /** The SQL of a function call whose arguments are already rendered. */
    default String call(Expr.Fn fn, List<String> args) {
        return switch (fn) {
            case COUNT -> "count(" + args.get(0) + ")";
            case COUNT_DISTINCT -> "count(DISTINCT " + args.get(0) + ")";
            case MIN -> "min(" + args.get(0) + ")";
            case MAX -> "max(" + args.get(0) + ")";
            case AVG -> "avg(" + args.get(0) + ")";
            case SUM -> "sum(" + args.get(0) + ")";
            case STDDEV_POP -> "stddev_pop(" + args.get(0) + ")";
            case LOWER -> "lower(" + args.get(0) + ")";
            case UPPER -> "upper(" + args.get(0) + ")";
            case DAY -> "CAST(" + args.get(0) + " AS DATE)";
            case TRUNC_HOUR -> "date_trunc('hour', " + args.get(0) + ")";
            case TRUNC_DAY -> "CAST(date_trunc('day', " + args.get(0) + ") AS TIMESTAMP)";
            case HOUR -> "hour(" + args.get(0) + ")";
            case ISO_WEEKDAY -> "((dayofweek(" + args.get(0) + ") + 5) % 7 + 1)";
            case COALESCE -> "coalesce(" + String.join(", ", args) + ")";
            case ADD -> "(" + String.join(" + ", args) + ")";
            case JSON_FIELD -> "get_json_object(" + args.get(0) + ", concat('$.', " + args.get(1) + "))";
            case JSON_NUMBER -> "CAST(get_json_object(" + args.get(0) + ", concat('$.', " + args.get(1) + ")) AS BIGINT)";
        };
    }

    /** {@code text} (a rendered expression) contains {@code needle} (a rendered parameter) literally. */
    default String contains(String text, String needle) {
        return "instr(" + text + ", " + needle + ") > 0";
    }

    /**
     * {@code text} ends with the needle; the needle is bound twice, as {@code needleForLength}
     * then {@code needle}.
     */
    default String endsWith(String text, String needleForLength, String needle) {
        return "right(" + text + ", length(" + needleForLength + ")) = " + needle;
    }

    /** The LIMIT clause for a bound parameter placeholder. */
    default String limit(String placeholder) {
        return " LIMIT " + placeholder;
    }
}
