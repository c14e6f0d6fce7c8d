package dev.th.ask;

import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.util.List;

/** The engine's derived views (sessions, scripts): whether a store has them, and why an answer over one is empty. */
public final class Views {
    private Views() {
    }

    /** Fails with what to do when the engine has no view {@code view} (an answer it cannot give: not a bug). */
    public static void require(Session session, String view) {
        if (!session.engine.hasTable(view)) {
            throw new UnsupportedOperationException("the store has no '" + view + "' view: it was made by an older TH (run 'th store "
                    + "renormalize' on it) or its engine (" + session.engine.name() + ") does not compute " + view);
        }
    }

    /** {@code why} when no event of {@code scope} meets {@code what}, else null. */
    public static String noneOf(Session session, Scope scope, Cond what, String why) {
        Query q = Query.from(Session.EVENTS).where(Cond.and(List.of(scope.cond(), what)))
                .select(Expr.count(), "N");
        return ((Number) session.run(q).rows().get(0)[0]).longValue() == 0 ? why : null;
    }
}
