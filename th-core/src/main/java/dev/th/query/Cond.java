package dev.th.query;

import java.util.ArrayList;
import java.util.List;

/** A boolean condition of the query model; every value in it is bound as a parameter. */
public sealed interface Cond permits Cond.Cmp, Cond.In, Cond.Contains, Cond.EndsWith, Cond.IsNull, Cond.And, Cond.Or, Cond.Not {

    /** Comparison operators. */
    enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    /** {@code left op right}. */
    record Cmp(Expr left, Op op, Expr right) implements Cond {
    }

    /** {@code expr IN (values...)}; an empty list is false. */
    record In(Expr expr, List<?> values) implements Cond {
        public In {
            values = List.copyOf(values);
        }
    }

    /**
     * {@code expr} contains {@code text} literally (no wildcard in {@code text} has a meaning),
     * ignoring case when {@code ignoreCase}.
     */
    record Contains(Expr expr, String text, boolean ignoreCase) implements Cond {
    }

    /** {@code expr} ends with {@code text} literally, ignoring case when {@code ignoreCase}. */
    record EndsWith(Expr expr, String text, boolean ignoreCase) implements Cond {
    }

    /** {@code expr IS NULL}. */
    record IsNull(Expr expr) implements Cond {
    }

    /** All of the parts (true when empty). */
    record And(List<Cond> parts) implements Cond {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** Any of the parts (false when empty). */
    record Or(List<Cond> parts) implements Cond {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** Negation. */
    record Not(Cond part) implements Cond {
    }

    static Cond eq(String column, Object value) {
        return new Cmp(Expr.col(column), Op.EQ, Expr.param(value));
    }

    static Cond cmp(String column, Op op, Object value) {
        return new Cmp(Expr.col(column), op, Expr.param(value));
    }

    static Cond in(String column, List<?> values) {
        return new In(Expr.col(column), values);
    }

    /** Case-insensitive equality to any of the values. */
    static Cond inIgnoreCase(String column, List<String> values) {
        List<String> lower = new ArrayList<>();
        for (String v : values) {
            lower.add(v.toLowerCase(java.util.Locale.ROOT));
        }
        return new In(Expr.call(Expr.Fn.LOWER, Expr.col(column)), lower);
    }

    static Cond contains(String column, String text) {
        return new Contains(Expr.col(column), text, true);
    }

    static Cond isNull(String column) {
        return new IsNull(Expr.col(column));
    }

    static Cond and(List<Cond> parts) {
        return parts.size() == 1 ? parts.get(0) : new And(parts);
    }

    static Cond or(List<Cond> parts) {
        return parts.size() == 1 ? parts.get(0) : new Or(parts);
    }

    static Cond not(Cond c) {
        return new Not(c);
    }
}
