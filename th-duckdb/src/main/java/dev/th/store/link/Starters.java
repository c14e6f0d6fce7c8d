package dev.th.store.link;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * StartedBy and StartedFor of a process creation, where the logs tell who started it (rows that
 * have them keep them; each step fills only what the earlier ones left null):
 * <ol>
 * <li>a task: the TaskScheduler's 129 (task process created) of the same pid on the same machine
 * within a minute gives {@code task} and the task's name; else a 200 (action started) of the same
 * image within a minute, when the creator is svchost.exe, taskeng.exe or taskhostw.exe;</li>
 * <li>PsExec: a process whose parent is PSEXESVC.exe gives {@code psexec} for {@code PSEXESVC};</li>
 * <li>a service: a process whose parent is services.exe gives {@code service}, and the name of the
 * one service of the machine whose image (7045/4697, or a Services\NAME\ImagePath value written
 * before it) has the process's file name; when several services share the file (svchost.exe) the
 * name is left null;</li>
 * <li>WMI: a parent WmiPrvSE.exe or scrcons.exe gives {@code wmi}, and the one consumer (Sysmon
 * 20, WMI-Activity 5861) registered before whose command names the process's file;</li>
 * <li>WinRM: a parent wsmprovhost.exe gives {@code winrm}.</li>
 * </ol>
 */
final class Starters {
    private static final String CREATES = "c.Family = 'process' AND c.Operation = 'create' AND c.StartedBy IS NULL "
            + "AND (c.Muid IS NULL OR c.Muid IN " + Scope.MACHINES + ")"; // rows without a machine: by their parent alone

    private Starters() {
    }

    static void fill(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(byName("task", "t.Muid = c.Muid AND t.Family = 'task' AND t.Operation = 'launched' "
                    + "AND t.ChildPid = c.ChildPid AND t.DateTime BETWEEN c.DateTime - INTERVAL 1 MINUTE AND c.DateTime + INTERVAL 1 MINUTE",
                    "t.ObjectName", "TRUE"));
            st.execute(byName("task", "t.Muid = c.Muid AND t.Family = 'task' AND t.Operation = 'started' "
                    + "AND lower(t.ChildPath) = lower(c.ChildPath) "
                    + "AND t.DateTime BETWEEN c.DateTime - INTERVAL 1 MINUTE AND c.DateTime + INTERVAL 1 MINUTE",
                    "t.ObjectName", "lower(c.ParentFilename) IN ('svchost.exe', 'taskeng.exe', 'taskhostw.exe')"));
            st.execute("UPDATE events AS c SET StartedBy = 'psexec', StartedFor = 'PSEXESVC' WHERE " + CREATES
                    + " AND lower(c.ParentFilename) = 'psexesvc.exe'");
            // the service whose image has the process's file: installed rows, or a Services\NAME\ImagePath value
            st.execute(byName("service", "t.Muid = c.Muid AND t.DateTime <= c.DateTime + INTERVAL 1 MINUTE AND ("
                    + "(t.Family = 'service' AND t.Operation = 'installed' AND lower(t.ChildFilename) = lower(c.ChildFilename)) OR "
                    + "(t.Family = 'registry' AND t.Value = 'ImagePath' AND contains(lower(t.Key), '\\services\\') "
                    + "AND contains(lower(t.ValueData), '\\' || lower(c.ChildFilename))))",
                    "CASE WHEN t.Family = 'service' THEN t.ObjectName ELSE regexp_extract(t.Key, '[^\\\\]+$') END",
                    "lower(c.ParentFilename) = 'services.exe'"));
            st.execute("UPDATE events AS c SET StartedBy = 'service' WHERE " + CREATES + " AND lower(c.ParentFilename) = 'services.exe'");
            st.execute(byName("wmi", "t.Muid = c.Muid AND t.Family = 'wmi' AND t.Operation IN ('consumer', 'permanent') "
                    + "AND t.DateTime <= c.DateTime AND contains(lower(t.CommandLine), lower(c.ChildFilename))",
                    "t.ObjectName", "lower(c.ParentFilename) IN ('wmiprvse.exe', 'scrcons.exe')"));
            st.execute("UPDATE events AS c SET StartedBy = 'wmi' WHERE " + CREATES
                    + " AND lower(c.ParentFilename) IN ('wmiprvse.exe', 'scrcons.exe')");
            st.execute("UPDATE events AS c SET StartedBy = 'winrm' WHERE " + CREATES + " AND lower(c.ParentFilename) = 'wsmprovhost.exe'");
        }
    }

    /**
     * Sets StartedBy {@code by} and StartedFor the one name of the rows {@code t} that {@code join}
     * matches to creation {@code c}, on creations where {@code creator} holds and one name matched.
     */
    private static String byName(String by, String join, String name, String creator) {
        return "UPDATE events SET StartedBy = '" + by + "', StartedFor = q.name FROM ("
                + "SELECT c.rowid AS rid, min(" + name + ") AS name FROM events c JOIN events t ON " + join + " "
                + "WHERE " + CREATES + " AND " + creator + " AND c.ChildFilename IS NOT NULL "
                + "GROUP BY c.rowid HAVING count(DISTINCT lower(" + name + ")) = 1) q WHERE events.rowid = q.rid";
    }
}
