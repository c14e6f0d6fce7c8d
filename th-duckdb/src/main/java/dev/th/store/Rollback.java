package dev.th.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Rolling back after a failed statement without hiding why it failed. */
final class Rollback {
    private Rollback() {
    }

    /**
     * Rolls {@code db} back after {@code cause}; a rollback that fails too (DuckDB ends the
     * transaction itself on an I/O error such as a full disk) is kept as suppressed, so the error
     * thrown is the one that says why. Then sets auto-commit back to {@code autoCommit}, the same way.
     */
    static void after(Connection db, Exception cause, boolean autoCommit) {
        try {
            db.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
        try {
            db.setAutoCommit(autoCommit);
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }
}
