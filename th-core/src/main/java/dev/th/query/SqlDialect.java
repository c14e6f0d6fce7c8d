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
            case FRESH_UNKNOWN -> freshUnknown(args, "make_interval(0, 0, 0, " + args.get(6) + ", 0, 0, 0)");
            case USER_ALLOWED -> userAllowed(args);
        };
    }

    /** USER_ALLOWED: an entry of the row's client's allow list names the row's binary (name, path, MD5, signer). */
    default String userAllowed(List<String> args) {
        String noChild = args.get(1) + " IS NULL AND " + args.get(2) + " IS NULL";
        String name = "lower(CASE WHEN " + noChild + " THEN " + args.get(4) + " ELSE " + args.get(1) + " END)";
        String path = "lower(CASE WHEN " + noChild + " THEN " + args.get(5) + " ELSE " + args.get(2) + " END)";
        String signer = "lower(" + call(Expr.Fn.JSON_FIELD, List.of(args.get(6), "'Signature'")) + ")";
        return "EXISTS (SELECT 1 FROM allowed a WHERE a.Client = " + args.get(0) + " AND ((a.Field = 'name' AND a.Value = " + name
                + ") OR (a.Field = 'path' AND a.Value = " + path + ") OR (a.Field = 'md5' AND a.Value = lower(" + args.get(3)
                + ")) OR (a.Field = 'signer' AND a.Value = " + signer + ")))";
    }

    /**
     * FRESH_UNKNOWN: the sightings of the row's file in its client up to the row's time are on at
     * most {@code args[7]} machines and the first is at most {@code days} (an interval) before it.
     */
    default String freshUnknown(List<String> args, String days) {
        String key = FileKey.sql(args.get(1), args.get(2), args.get(3), args.get(4));
        String t = args.get(5);
        String sightings = " FROM sightings s WHERE s.Client = " + args.get(0) + " AND s.FileKey = " + key
                + " AND s.FirstSeen <= " + t + ")";
        // two scalar subqueries whose outer references sit in WHERE only (Spark refuses them inside an
        // aggregate); the bound days come before the bound machines in the text, as in the arguments
        return "((SELECT min(s.FirstSeen)" + sightings + " >= " + t + " - " + days
                + " AND (SELECT count(*)" + sightings + " <= " + args.get(7) + ")";
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
