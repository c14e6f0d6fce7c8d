package dev.th.query;

import java.util.List;

/**
 * A value expression of the query model: a column, a bound parameter, a function of the closed
 * set {@link Fn}, or a CASE. No expression ever holds SQL text written elsewhere: values reach SQL
 * only as bound parameters, names only through {@link SqlDialect#quote}.
 */
public sealed interface Expr permits Expr.Col, Expr.Param, Expr.Call, Expr.Case, Expr.Star {

    /** A column of the queried table (or an alias of an inner query). */
    record Col(String name) implements Expr {
    }

    /** A value bound as a parameter. */
    record Param(Object value) implements Expr {
    }

    /** A function of the closed set {@link Fn}, rendered by the dialect. */
    record Call(Fn fn, List<Expr> args) implements Expr {
    }

    /** {@code CASE WHEN when THEN then END} (null otherwise). */
    record Case(Cond when, Expr then) implements Expr {
    }

    /** {@code *}, only as the argument of {@link Fn#COUNT}. */
    record Star() implements Expr {
    }

    /** The functions a query may use; each engine's dialect renders them. */
    enum Fn {
        COUNT, COUNT_DISTINCT, MIN, MAX, AVG, STDDEV_POP, SUM, LOWER, UPPER,
        /** The day (DATE) of a timestamp. */
        DAY,
        /** A timestamp truncated to its hour. */
        TRUNC_HOUR,
        /** A timestamp truncated to its day (as a timestamp). */
        TRUNC_DAY,
        /** Hour of day 0..23. */
        HOUR,
        /** ISO day of week, Monday = 1 .. Sunday = 7. */
        ISO_WEEKDAY,
        COALESCE,
        /** The sum of its arguments (numbers). */
        ADD,
        /** A string field of a JSON text column: args (json column, field name as a Param). */
        JSON_FIELD,
        /** A field of a JSON text column as a whole number (BIGINT), null when it is not one: args as JSON_FIELD. */
        JSON_NUMBER,
        /**
         * Whether the row's file is new to its client (docs/attributes.md), from the store's
         * {@code sightings}: args (ClientId, ChildMd5, ChildPath, ChildFilename, ParentPath,
         * DateTime, days as a Param, machines as a Param). Null for a row that names no file.
         */
        FRESH_UNKNOWN,
        /**
         * Whether the row's binary (the child, else the actor) is on its client's allow list
         * ({@code allowed}: by name, path, MD5 or signer): args (ClientId, ChildFilename, ChildPath,
         * ChildMd5, ParentFilename, ParentPath, Fields).
         */
        USER_ALLOWED
    }

    static Col col(String name) {
        return new Col(name);
    }

    static Param param(Object value) {
        return new Param(value);
    }

    static Call call(Fn fn, Expr... args) {
        return new Call(fn, List.of(args));
    }

    static Call count() {
        return new Call(Fn.COUNT, List.of(new Star()));
    }
}
