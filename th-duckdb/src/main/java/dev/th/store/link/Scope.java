package dev.th.store.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The machines (and their clients) of the inputs a group of link steps runs for, in a temporary
 * table: every store-wide step relates rows of one machine (one client for account names and
 * copies by MD5), and before the group every machine's rows were linked, so a step's answer can
 * change only on these machines; the steps look at them alone instead of the whole store.
 */
final class Scope {
    private static final String TABLE = "th_link_scope";
    /** The group's machines, for {@code Muid IN ...}. */
    static final String MACHINES = "(SELECT Muid FROM " + TABLE + ")";
    /** The group's clients, for {@code ClientId IN ...}. */
    static final String CLIENTS = "(SELECT DISTINCT ClientId FROM " + TABLE + ")";

    private Scope() {
    }

    /** Makes the scope of inputs {@code contentHashes} (stored, visible to {@code db}). */
    static void of(Connection db, Collection<String> contentHashes) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("CREATE OR REPLACE TEMP TABLE " + TABLE + " AS SELECT DISTINCT Muid, ClientId "
                + "FROM events WHERE SourceHash IN (SELECT unnest(string_split(?, ','))) AND Muid IS NOT NULL")) {
            ps.setString(1, String.join(",", contentHashes));
            ps.execute();
        }
    }
}
