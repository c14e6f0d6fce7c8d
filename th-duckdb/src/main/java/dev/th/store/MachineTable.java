package dev.th.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

/**
 * The {@code machines} table: one row per machine (client and Muid) with its name, first and
 * last event time, event count and every name its logs give it, kept up to date by the store at
 * each commit for the machines the committed inputs touched, so listing the machines reads this
 * small table instead of grouping every event. A store made before the table existed gets it,
 * filled from its events, the first time it is opened for writing.
 */
final class MachineTable {
    static final String TABLE = "machines";

    private static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (ClientId VARCHAR, Muid VARCHAR, "
            + "MachineName VARCHAR, FirstSeen TIMESTAMP, LastSeen TIMESTAMP, Events BIGINT, Names VARCHAR, "
            + "PRIMARY KEY (ClientId, Muid))";
    private static final String AGGREGATE = "SELECT ClientId, Muid, min(MachineName), min(DateTime), max(DateTime), count(*), "
            + "array_to_string(list_sort(list_distinct(list(MachineName))), ', ') FROM " + Schema.EVENTS;
    private static final String TOUCHED = " Muid IN (SELECT unnest(string_split(?, ',')))";

    private MachineTable() {
    }

    /** Creates the table when the store lacks it, filled from the events; true when it was made now. */
    static boolean ensure(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                        + "AND schema_name = 'main' AND table_name = '" + TABLE + "'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                return false;
            }
        }
        try (Statement st = db.createStatement()) {
            st.execute(DDL);
            st.execute("INSERT INTO " + TABLE + " " + AGGREGATE + " GROUP BY ClientId, Muid");
        }
        return true;
    }

    /** Makes the rows of machines {@code muids} again from their events (a machine left with none loses its row). */
    static void refresh(Connection db, Collection<String> muids) throws SQLException {
        if (muids.isEmpty()) {
            return;
        }
        String list = String.join(",", muids);
        try (PreparedStatement del = db.prepareStatement("DELETE FROM " + TABLE + " WHERE" + TOUCHED);
                PreparedStatement ins = db.prepareStatement("INSERT INTO " + TABLE + " " + AGGREGATE + " WHERE" + TOUCHED
                        + " GROUP BY ClientId, Muid")) {
            del.setString(1, list);
            del.executeUpdate();
            ins.setString(1, list);
            ins.executeUpdate();
        }
    }

    /** Makes every row again from the events. */
    static void rebuild(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(DDL);
            st.execute("DELETE FROM " + TABLE);
            st.execute("INSERT INTO " + TABLE + " " + AGGREGATE + " GROUP BY ClientId, Muid");
        }
    }
}
