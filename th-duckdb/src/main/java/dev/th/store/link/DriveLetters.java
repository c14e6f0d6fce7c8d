package dev.th.store.link;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code \device\harddiskvolumeN\...} paths (the Windows Filtering Platform's Application, the
 * object of a 4656 or 4663 on a process) as drive paths. A machine's volume N is drive D when a
 * path {@code \device\harddiskvolumeN\rest} and a path {@code D:\rest} (same rest, ignoring case)
 * are both seen on that machine, the drive path in a Sysmon event or a 4688 (any input of the
 * store): the same program seen by the kernel and by the process log. When a volume matches
 * several drives, the one with most such paths wins. What was learnt stays in the {@code drives}
 * table, so inputs stored later get it too; rows whose volume is not learnt keep their device path.
 */
final class DriveLetters {
    private static final String DEVICE = "lower(regexp_extract(p, '^(\\\\device\\\\harddiskvolume[0-9]+)\\\\', 1, 'i'))";

    private DriveLetters() {
    }

    static void learnAndApply(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS drives (Muid VARCHAR, Device VARCHAR, Drive VARCHAR, Evidence BIGINT, "
                    + "PRIMARY KEY (Muid, Device))");
            st.execute("INSERT INTO drives "
                    + "WITH dev AS (SELECT DISTINCT Muid, " + DEVICE + " AS device, p FROM ("
                    + "  SELECT Muid, ParentPath AS p FROM events WHERE ParentPath ILIKE '\\device\\harddiskvolume%' AND Muid IN " + Scope.MACHINES
                    + "  UNION ALL SELECT Muid, ChildPath FROM events WHERE ChildPath ILIKE '\\device\\harddiskvolume%' "
                    + "AND Muid IN " + Scope.MACHINES + ")), "
                    + "d AS (SELECT Muid, device, lower(substr(p, length(device) + 1)) AS rest FROM dev WHERE device <> ''), "
                    + "img AS (SELECT DISTINCT Muid, upper(substr(p, 1, 2)) AS drive, lower(substr(p, 3)) AS rest FROM ("
                    + "  SELECT Muid, ChildPath AS p FROM events WHERE (Channel ILIKE '%sysmon%' OR EventId = 4688) "
                    + "    AND ChildPath SIMILAR TO '[A-Za-z]:\\\\.*' AND Muid IN (SELECT Muid FROM d) "
                    + "  UNION ALL SELECT Muid, ParentPath FROM events WHERE (Channel ILIKE '%sysmon%' OR EventId = 4688) "
                    + "    AND ParentPath SIMILAR TO '[A-Za-z]:\\\\.*' AND Muid IN (SELECT Muid FROM d))), "
                    + "votes AS (SELECT d.Muid, d.device, img.drive, count(*) AS n FROM d JOIN img ON d.Muid = img.Muid "
                    + "  AND d.rest = img.rest GROUP BY ALL) "
                    + "SELECT Muid, device, arg_max(drive, n), max(n) FROM votes "
                    + "WHERE NOT EXISTS (SELECT 1 FROM drives x WHERE x.Muid = votes.Muid AND x.Device = votes.device) "
                    + "GROUP BY Muid, device");
            for (String column : new String[] {"ParentPath", "ChildPath"}) {
                st.execute("UPDATE events SET " + column + " = drives.Drive || substr(" + column + ", length(drives.Device) + 1) "
                        + "FROM drives WHERE events.Muid = drives.Muid AND events.Muid IN " + Scope.MACHINES + " AND " + column + " ILIKE '\\device\\harddiskvolume%' "
                        + "AND starts_with(lower(" + column + "), drives.Device || '\\')");
            }
        }
    }
}
