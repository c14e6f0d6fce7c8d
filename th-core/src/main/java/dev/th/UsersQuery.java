package dev.th;

import dev.th.ask.Scope;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's {@code get_users}: the users seen acting in the period, with the first and last
 * day seen and the number of active days. Options: {@code users} (names containing any of
 * these texts), {@code period}, {@code histogram}. Rows are {@link User}s.
 */
public final class UsersQuery extends Ask<User, UsersQuery> {

    UsersQuery(Session session, Scope scope) {
        super(session, scope, SeedColumns.USERS, User::new, null);
        filters.add(Cond.not(Cond.isNull("LoggedUser")));
    }

    /** The seed's {@code users}: user names containing any of these texts (case ignored). */
    public UsersQuery users(String... users) {
        List<Cond> any = new ArrayList<>();
        for (String u : list(users, "users")) {
            any.add(Cond.contains("LoggedUser", u));
        }
        filters.add(Cond.or(any));
        return this;
    }

    @Override
    Query rowsQuery(Query filtered) {
        return filtered.select(Expr.col("LoggedUser"), "LoggedUser")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("Date")), "IniDate")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("Date")), "EndDate")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Date")), "NumDays")
                .groupBy(Expr.col("LoggedUser"))
                .orderBy(Expr.col("LoggedUser"), false);
    }
}
