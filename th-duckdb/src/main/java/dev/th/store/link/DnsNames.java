package dev.th.store.link;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * RemoteName of a connection (Sysmon 3, Security 5156/5157): the QueryName of the latest
 * DNS query (Sysmon 22) of the same process, on the same machine, in the day before the
 * connection, whose QueryResults hold the connection's RemoteIp. The same process: the same
 * process GUID, or the same pid when the connection has no GUID (the Security log's). Rows that
 * already have a RemoteName keep it.
 */
final class DnsNames {
    private DnsNames() {
    }

    static void fill(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            // two equality joins (by GUID, then by pid for rows without one) keep the join small
            st.execute(update("d.ParentGuid = c.ParentGuid", "c.ParentGuid IS NOT NULL"));
            st.execute(update("d.ParentPid = c.ParentPid", "c.ParentGuid IS NULL AND c.ParentPid IS NOT NULL"));
        }
    }

    private static String update(String sameProcess, String rows) {
        return "UPDATE events SET RemoteName = q.name FROM ("
                + "SELECT c.rowid AS rid, arg_max(d.QueryName, d.DateTime) AS name "
                + "FROM events c JOIN events d ON d.Muid = c.Muid AND " + sameProcess + " AND d.Family = 'dns' "
                + "AND d.DateTime <= c.DateTime AND d.DateTime >= c.DateTime - INTERVAL 1 DAY "
                + "AND contains(';' || replace(d.QueryResults, '::ffff:', ''), ';' || c.RemoteIp || ';') "
                + "WHERE c.Muid IN " + Scope.MACHINES + " AND c.Family = 'network' AND c.RemoteName IS NULL AND c.RemoteIp IS NOT NULL AND " + rows + " "
                + "AND d.QueryName IS NOT NULL GROUP BY c.rowid) q WHERE events.rowid = q.rid";
    }
}
