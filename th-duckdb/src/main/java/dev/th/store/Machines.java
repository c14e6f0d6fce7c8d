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
 * client: {@link dev.th.normalize.Normalizer#machineKey}), so the merges are visible.
 */
public final class Machines {
    /** The columns of {@link #list}, in order. */
    public static final String[] COLUMNS = {"Muid", "MachineName", "ClientId", "FirstSeen", "LastSeen", "Events", "Names"};

    private static final String SQL = "SELECT Muid, min(MachineName) AS MachineName, ClientId, "
            + "min(DateTime) AS FirstSeen, max(DateTime) AS LastSeen, count(*) AS Events, "
            + "array_to_string(list_sort(list_distinct(list(MachineName))), ', ') AS Names "
            + "FROM " + Schema.EVENTS + " GROUP BY ClientId, Muid ORDER BY ClientId, MachineName, Muid";

    private Machines() {
    }

    /** Every machine of {@code store}, by client then name. FirstSeen/LastSeen are UTC. */
    public static DataFrame list(DuckDbStore store) {
        DataFrameArrayAppender rows = DataFrame.byArrayRow(COLUMNS).appender();
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            while (rs.next()) {
                rows.append(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDateTime.class), rs.getObject(5, LocalDateTime.class), rs.getLong(6), rs.getString(7));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot list the machines of " + store.file() + ": " + e.getMessage(), e);
        }
        return rows.toDataFrame();
    }
}
