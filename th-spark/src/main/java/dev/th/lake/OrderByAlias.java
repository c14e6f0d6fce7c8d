package dev.th.lake;

import dev.th.query.Expr;
import dev.th.query.Query;

/**
 * Spark SQL resolves a column name in ORDER BY to a select alias first, so
 * {@code SELECT min(MachineName) AS MachineName ... ORDER BY min(MachineName)} reads as the min of
 * the alias and fails. An order term that is a selected expression is written as its alias
 * instead: the same order, in words both engines read alike.
 */
final class OrderByAlias {
    private OrderByAlias() {
    }

    static Query rewrite(Query q) {
        Query out = q.table() != null ? Query.from(q.table()) : Query.from(rewrite(q.inner()));
        out = out.select(q.items().toArray(new Query.Item[0])).where(q.where());
        if (!q.groupBy().isEmpty()) {
            out = out.groupBy(q.groupBy().toArray(new Expr[0]));
        }
        if (q.having() != null) {
            out = out.having(q.having());
        }
        for (Query.Order o : q.orderBy()) {
            Expr e = o.expr();
            if (!(e instanceof Expr.Col)) {
                for (Query.Item item : q.items()) {
                    if (item.expr().equals(e)) {
                        e = Expr.col(item.name());
                        break;
                    }
                }
            }
            out = out.orderBy(e, o.descending());
        }
        out = out.limit(q.limit());
        return q.isDistinct() ? out.distinct() : out;
    }
}
