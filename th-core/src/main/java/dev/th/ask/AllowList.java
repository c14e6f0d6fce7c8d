package dev.th.ask;

import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;

/**
 * The user's allow list as questions read it: the store's {@code allowed} table (client, Field: name,
 * path, MD5 or signer, value in lower case), kept by {@code th allow add|remove|list}. Matched when
 * asked, so adding or removing an entry changes every answer at once, stored events included.
 */
public final class AllowList {
    public static final String TABLE = "allowed";

    private AllowList() {
    }

    /** Whether the store has an allow list table (it is made by the first {@code th allow add}). */
    public static boolean available(Session session) {
        return session.engine.hasTable(TABLE);
    }

    /** The row's binary (the child's, or with {@code child} false the acting process's) is allowed in the row's client. */
    public static Cond matches(boolean child) {
        Expr e = child
                ? Expr.call(Expr.Fn.USER_ALLOWED, Expr.col("ClientId"), Expr.col("ChildFilename"), Expr.col("ChildPath"),
                        Expr.col("ChildMd5"), Expr.col("ParentFilename"), Expr.col("ParentPath"), Expr.col("Fields"))
                : Expr.call(Expr.Fn.USER_ALLOWED, Expr.col("ClientId"), Expr.col("ParentFilename"), Expr.col("ParentPath"),
                        Expr.col("ParentMd5"), Expr.col("ParentFilename"), Expr.col("ParentPath"), Expr.param(null));
        return new Cond.Cmp(e, Cond.Op.EQ, Expr.param(true));
    }

    /** How many entries the allow list holds (0 when the store has none). */
    public static long size(Session session) {
        if (!available(session)) {
            return 0;
        }
        Object n = session.run(Query.from(TABLE).select(Expr.count(), "N")).rows().get(0)[0];
        return ((Number) n).longValue();
    }
}
