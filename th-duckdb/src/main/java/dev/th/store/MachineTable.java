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
 * each commit from the committed inputs' rows, so listing the machines reads this
 * small table instead of grouping every event. A store made before the table existed gets it,
 * filled from its events, the first time it is opened for writing.
 */
final class MachineTable {
    static final String TABLE = "machines";

    private static final String DDL = "CREATE TABLE IF NOT EXISTS " + TABLE + " (ClientId VARCHAR, Muid VARCHAR, "
            + "MachineName VARCHAR, FirstSeen TIMESTAMP, LastSeen TIMESTAMP, Events BIGINT, Names VARCHAR)";
    private static final String AGGREGATE = "SELECT ClientId, Muid, min(MachineName), min(DateTime), max(DateTime), count(*), "
            + "array_to_string(list_sort(list_distinct(list(MachineName))), ', ') FROM " + Schema.EVENTS;
    // no key: a store made before Muid existed has events without one, listed as one row as before
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

    /**
     * Adds the rows of inputs {@code hashes} (just stored, machines {@code muids}) to the machines'
     * rows: first and last seen widened, events added, names joined; a machine new to the store
     * gets its row. The same rows {@link #refresh} makes, from the new rows alone, as long as the
     * rows stored before did not change (a clock correction that moved them: {@link #refresh}).
     */
    static void add(Connection db, Collection<String> hashes, Collection<String> muids) throws SQLException {
        if (muids.isEmpty() || hashes.isEmpty()) {
            return;
        }
        String added = "SELECT ClientId, Muid, min(MachineName) AS MachineName, min(DateTime) AS FirstSeen, "
                + "max(DateTime) AS LastSeen, count(*) AS Events, list_distinct(list(MachineName)) AS Names FROM " + Schema.EVENTS
                + " WHERE SourceHash IN (SELECT unnest(string_split(?, ','))) AND" + TOUCHED + " GROUP BY ClientId, Muid";
        String same = "m.ClientId IS NOT DISTINCT FROM a.ClientId AND m.Muid = a.Muid";
        try (PreparedStatement tmp = db.prepareStatement("CREATE OR REPLACE TEMP TABLE th_machines_added AS " + added);
                Statement st = db.createStatement()) {
            tmp.setString(1, String.join(",", hashes));
            tmp.setString(2, String.join(",", muids));
            tmp.execute();
            st.execute("UPDATE " + TABLE + " AS m SET MachineName = least(m.MachineName, a.MachineName), "
                    + "FirstSeen = least(m.FirstSeen, a.FirstSeen), LastSeen = greatest(m.LastSeen, a.LastSeen), "
                    + "Events = m.Events + a.Events, Names = array_to_string(list_sort(list_distinct("
                    + "CASE WHEN m.Names = '' THEN [] ELSE string_split(m.Names, ', ') END || a.Names)), ', ') "
                    + "FROM th_machines_added a WHERE " + same);
            st.execute("INSERT INTO " + TABLE + " SELECT ClientId, Muid, MachineName, FirstSeen, LastSeen, Events, "
                    + "array_to_string(list_sort(Names), ', ') FROM th_machines_added a "
                    + "WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + " m WHERE " + same + ")");
            st.execute("DROP TABLE th_machines_added");
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
