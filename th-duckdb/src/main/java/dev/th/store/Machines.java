package dev.th.store;

import dev.th.ingest.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.dflib.DataFrame;
import org.dflib.builder.DataFrameArrayAppender;

/**
 * The machines of a store: one row per machine (client and Muid) with its span and event count,
 * and in Names every name its logs give it (an FQDN and its NetBIOS name are one machine of a
 * client: {@link dev.th.normalize.Normalizer#machineKey}), so the merges are visible. Read from the
 * machines table the store keeps at ingest ({@link MachineTable}), so the events are not scanned.
 */
public final class Machines {
    /** The columns of {@link #list}, in order. */
    public static final String[] COLUMNS = {"Muid", "MachineName", "ClientId", "FirstSeen", "LastSeen", "Events", "Names"};

    /** Read from the machines table the store keeps at every commit ({@link MachineTable}), not from the events. */
    private static final String SQL = "SELECT Muid, MachineName, ClientId, FirstSeen, LastSeen, Events, Names "
            + "FROM " + MachineTable.TABLE + " ORDER BY ClientId, MachineName, Muid";

    private Machines() {
    }

    /** The machines seen by the network only: at one end of flows, with no logs of their own (Events 0). */
    private static final String NETWORK_ONLY = "SELECT Muid, min(MachineName) AS MachineName, ClientId, min(Start) AS FirstSeen, "
            + "max(Start) AS LastSeen, 0 AS Events, "
            + "array_to_string(list_sort(list_distinct(list(MachineName))), ', ') AS Names "
            + "FROM " + FlowJoin.LINKS + " WHERE NetworkOnly GROUP BY ClientId, Muid";

    /**
     * Every machine of {@code store}, by client then name, with the machines seen by the network
     * only (Events 0, their address as name). FirstSeen/LastSeen are UTC.
     */
    public static DataFrame list(DuckDbStore store) {
        DataFrameArrayAppender rows = DataFrame.byArrayRow(COLUMNS).appender();
        String sql = hasLinks(store) ? "SELECT * FROM (" + SQL.replace(" ORDER BY ClientId, MachineName, Muid", "") + " UNION ALL "
                + NETWORK_ONLY + ") ORDER BY ClientId, Events = 0, MachineName, Muid" : SQL;
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.append(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), rs.getLong(6), rs.getString(7));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list the machines of " + store.file() + ": " + e.getMessage(), e);
        }
        return rows.toDataFrame();
    }

    private static boolean hasLinks(DuckDbStore store) {
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + FlowJoin.LINKS + "'")) {
            return rs.next() && rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the tables of " + store.file() + ": " + e.getMessage(), e);
        }
    }
}
