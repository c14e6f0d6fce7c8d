package dev.th.ask;

import dev.th.query.Expr;

/**
 * How a question decides FreshUnknown (docs/attributes.md): the row's file was first seen in its
 * client at most {@link #days()} days before the row, on at most {@link #machines()} machines up
 * to the row's time. Computed by the engine from the store's {@code sightings} when asked, so the
 * answer does not depend on the order inputs were stored in.
 */
public final class Freshness {
    public static final int DEFAULT_DAYS = 7;
    public static final int DEFAULT_MACHINES = 3;
    /** The store's table of first sightings per client, file and machine. */
    public static final String SIGHTINGS = "sightings";

    private int days = DEFAULT_DAYS;
    private int machines = DEFAULT_MACHINES;

    /** Sets N (days, at least 0) and k (machines, at least 1). */
    public void set(int days, int machines) {
        if (days < 0 || machines < 1) {
            throw new IllegalArgumentException("fresh unknown: days must be 0 or more and machines 1 or more (got "
                    + days + " days, " + machines + " machines)");
        }
        this.days = days;
        this.machines = machines;
    }

    public int days() {
        return days;
    }

    public int machines() {
        return machines;
    }

    /** Whether the store keeps sightings (a store made before them has none until renormalized). */
    public static boolean available(Session session) {
        return session.engine.hasTable(SIGHTINGS);
    }

    /** The FreshUnknown of a row of the events table. */
    public Expr expr() {
        return Expr.call(Expr.Fn.FRESH_UNKNOWN, Expr.col("ClientId"), Expr.col("ChildMd5"), Expr.col("ChildPath"),
                Expr.col("ChildFilename"), Expr.col("ParentPath"), Expr.col("DateTime"), Expr.param(days),
                Expr.param(machines));
    }
}
