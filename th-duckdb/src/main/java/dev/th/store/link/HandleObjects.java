package dev.th.store.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A 4660 (object deleted) names only its handle: it takes the object of the latest 4656 or
 * 4663 before it with the same machine, process and HandleId — its file (ChildPath,
 * ChildFilename) or its key (Key, and the registry family).
 */
final class HandleObjects {
    private HandleObjects() {
    }

    static void name(Connection db, String contentHash) throws SQLException {
        String sql = "UPDATE events SET Family = q.family, ChildPath = q.childPath, ChildFilename = q.childFilename, "
                + "Key = q.key FROM ("
                + "SELECT x.rowid AS rid, arg_max(h.Family, h.DateTime) AS family, arg_max(h.ChildPath, h.DateTime) AS childPath, "
                + "arg_max(h.ChildFilename, h.DateTime) AS childFilename, arg_max(h.Key, h.DateTime) AS key "
                + "FROM events x JOIN events h ON h.Muid = x.Muid AND h.ParentPid = x.ParentPid "
                + "AND h.EventId IN (4656, 4663) AND h.Channel ILIKE 'security' AND h.DateTime <= x.DateTime "
                + "AND json_extract_string(h.Fields, '$.HandleId') = json_extract_string(x.Fields, '$.HandleId') "
                + "AND h.Family IN ('file', 'registry') "
                + "WHERE x.SourceHash = ? AND x.EventId = 4660 AND x.Channel ILIKE 'security' GROUP BY x.rowid) q "
                + "WHERE events.rowid = q.rid";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, contentHash);
            ps.executeUpdate();
        }
    }
}
