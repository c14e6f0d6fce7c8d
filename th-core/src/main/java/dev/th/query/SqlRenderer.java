package dev.th.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link Query} to SQL text and its bound parameters, for one {@link SqlDialect}. */
public final class SqlRenderer {
    private final SqlDialect dialect;

    public SqlRenderer(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The SQL of {@code q}; every value in it is a {@code ?} bound to {@link Sql#params()}. */
    public Sql render(Query q) {
        List<Object> params = new ArrayList<>();
        String text = query(q, params);
        return new Sql(text, params);
    }

    private String query(Query q, List<Object> params) {
        if (q.items().isEmpty()) {
            throw new IllegalArgumentException("a query must select at least one expression");
        }
        StringBuilder sb = new StringBuilder("SELECT ");
        if (q.isDistinct()) {
            sb.append("DISTINCT ");
        }
        for (int i = 0; i < q.items().size(); i++) {
            Query.Item item = q.items().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(expr(item.expr(), params)).append(" AS ").append(dialect.quote(item.name()));
        }
        sb.append(" FROM ");
        if (q.table() != null) {
            sb.append(dialect.quote(q.table()));
        } else {
            sb.append('(').append(query(q.inner(), params)).append(") AS t");
        }
        if (q.where() != null) {
            sb.append(" WHERE ").append(cond(q.where(), params));
        }
        if (!q.groupBy().isEmpty()) {
            sb.append(" GROUP BY ");
            for (int i = 0; i < q.groupBy().size(); i++) {
                sb.append(i > 0 ? ", " : "").append(expr(q.groupBy().get(i), params));
            }
        }
        if (q.having() != null) {
            sb.append(" HAVING ").append(cond(q.having(), params));
        }
        if (!q.orderBy().isEmpty()) {
            sb.append(" ORDER BY ");
            for (int i = 0; i < q.orderBy().size(); i++) {
                Query.Order o = q.orderBy().get(i);
                sb.append(i > 0 ? ", " : "").append(expr(o.expr(), params))
                        .append(o.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST");
            }
            // Tie-breakers: then every selected column, by position, so that rows equal on the
            // query's own order come in the same order on every engine (a total order of the answer).
            for (int i = 0; i < q.items().size(); i++) {
                sb.append(", ").append(i + 1).append(" ASC NULLS LAST");
            }
        }
        if (q.limit() != null) {
            params.add(q.limit());
            sb.append(dialect.limit("?"));
        }
        return sb.toString();
    }

    private String expr(Expr e, List<Object> params) {
        if (e instanceof Expr.Col c) {
            return dialect.quote(c.name());
        } else if (e instanceof Expr.Param p) {
            params.add(p.value());
            return "?";
        } else if (e instanceof Expr.Star) {
            return "*";
        } else if (e instanceof Expr.Case c) {
            String when = cond(c.when(), params);
            return "CASE WHEN " + when + " THEN " + expr(c.then(), params) + " END";
        } else if (e instanceof Expr.Call c) {
            List<String> args = new ArrayList<>();
            for (Expr a : c.args()) {
                args.add(expr(a, params));
            }
            return dialect.call(c.fn(), args);
        }
        throw new IllegalArgumentException("unknown expression " + e);
    }

    /** The expression, lower-cased in SQL when the comparison ignores case. */
    private String folded(Expr e, boolean ignoreCase, List<Object> params) {
        String text = expr(e, params);
        return ignoreCase ? dialect.call(Expr.Fn.LOWER, List.of(text)) : text;
    }

    /** The literal, lower-cased when the comparison ignores case. */
    private static String folded(String literal, boolean ignoreCase) {
        return ignoreCase ? literal.toLowerCase(Locale.ROOT) : literal;
    }

    private String cond(Cond c, List<Object> params) {
        if (c instanceof Cond.Cmp cmp) {
            String l = expr(cmp.left(), params);
            return l + " " + cmp.op().sql + " " + expr(cmp.right(), params);
        } else if (c instanceof Cond.In in) {
            if (in.values().isEmpty()) {
                return "1 = 0";
            }
            StringBuilder sb = new StringBuilder(expr(in.expr(), params)).append(" IN (");
            for (int i = 0; i < in.values().size(); i++) {
                params.add(in.values().get(i));
                sb.append(i > 0 ? ", ?" : "?");
            }
            return sb.append(')').toString();
        } else if (c instanceof Cond.Contains ct) {
            String text = folded(ct.expr(), ct.ignoreCase(), params);
            params.add(folded(ct.text(), ct.ignoreCase()));
            return "coalesce(" + dialect.contains(text, "?") + ", false)";
        } else if (c instanceof Cond.EndsWith ew) {
            String text = folded(ew.expr(), ew.ignoreCase(), params);
            String needle = folded(ew.text(), ew.ignoreCase());
            params.add(needle);
            params.add(needle);
            return "coalesce(" + dialect.endsWith(text, "?", "?") + ", false)";
        } else if (c instanceof Cond.IsNull n) {
            return expr(n.expr(), params) + " IS NULL";
        } else if (c instanceof Cond.And a) {
            return a.parts().isEmpty() ? "1 = 1" : join(a.parts(), " AND ", params);
        } else if (c instanceof Cond.Or o) {
            return o.parts().isEmpty() ? "1 = 0" : join(o.parts(), " OR ", params);
        } else if (c instanceof Cond.Not n) {
            return "NOT (" + cond(n.part(), params) + ")";
        }
        throw new IllegalArgumentException("unknown condition " + c);
    }

    private String join(List<Cond> parts, String op, List<Object> params) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < parts.size(); i++) {
            sb.append(i > 0 ? op : "").append(cond(parts.get(i), params));
        }
        return sb.append(')').toString();
    }
}
