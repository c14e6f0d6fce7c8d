package dev.th.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The RemoteSession attribute (the seed's ATTR_REMOTE) and its evidence, RemoteLogon, decided
 * once the processes are joined (a Sysmon log and the Security log of its logons are separate
 * inputs). In turn:
 * <ol>
 * <li>a row that logs a LogonId (a process creation, a Security action) takes the {@code Remote}
 * of its session ({@link DerivedViews#SESSIONS}: network type 3, Remote Desktop type 10, or a
 * logon from an address other than loopback), true or false, with the session as evidence;</li>
 * <li>a process creation without a session of its own takes its parent's (by ParentGuid), up
 * the process tree;</li>
 * <li>every other row of a process (its file, registry, network, pipe... rows, by ParentGuid)
 * takes the process's.</li>
 * </ol>
 * Rows no session reaches stay null ("not known"), so an {@code attributes} filter on a store
 * without logon events says it cannot match rather than answering with an empty table.
 */
public final class RemoteSessions {
    private static final int MAX_DEPTH = 64;

    private static final String OWN = """
            UPDATE events AS e SET RemoteSession = q.Remote, RemoteLogon = q.Evidence FROM (
              SELECT p.rowid AS rid, bool_or(s.Remote) AS Remote,
                     min(s.LogonId || ' type ' || s.LogonType || coalesce(' from ' || s.RemoteIp, '') || ' ('
                         || coalesce(s.LoggedUser, '?') || ', ' || strftime(s.Start, '%Y-%m-%d %H:%M:%S') || ')')
                       FILTER (WHERE s.Remote) AS Evidence
              FROM events p JOIN sessions s ON p.ClientId = s.ClientId AND p.Muid = s.Muid
                AND (p.LogonId = s.LogonId OR p.LogonId = s.LinkedLogonId)
                AND p.DateTime >= s.Start AND (s."End" IS NULL OR p.DateTime <= s."End")
              WHERE p.LogonId IS NOT NULL AND p.Family <> 'logon'
              GROUP BY p.rowid) q
            WHERE e.rowid = q.rid AND (e.RemoteSession IS DISTINCT FROM q.Remote OR e.RemoteLogon IS DISTINCT FROM q.Evidence)""";

    /** Creations no session reached take their parent creation's value. */
    private static final String PARENTS = """
            UPDATE events AS e SET RemoteSession = q.Remote, RemoteLogon = q.Evidence FROM (
              SELECT c.rowid AS rid, bool_or(p.RemoteSession) AS Remote, min(p.RemoteLogon) AS Evidence
              FROM events c JOIN events p ON p.ClientId = c.ClientId AND p.Muid = c.Muid AND p.ChildGuid = c.ParentGuid
                AND p.Family = 'process' AND p.Operation = 'create' AND p.RemoteSession IS NOT NULL
              WHERE c.Family = 'process' AND c.Operation = 'create' AND c.RemoteSession IS NULL AND c.ParentGuid IS NOT NULL
              GROUP BY c.rowid) q
            WHERE e.rowid = q.rid""";

    /** The other rows of a process take its value. */
    private static final String ACTIONS = """
            UPDATE events AS e SET RemoteSession = q.Remote, RemoteLogon = q.Evidence FROM (
              SELECT a.rowid AS rid, bool_or(p.RemoteSession) AS Remote, min(p.RemoteLogon) AS Evidence
              FROM events a JOIN events p ON p.ClientId = a.ClientId AND p.Muid = a.Muid AND p.ChildGuid = a.ParentGuid
                AND p.Family = 'process' AND p.Operation = 'create' AND p.RemoteSession IS NOT NULL
              WHERE NOT (a.Family = 'process' AND a.Operation = 'create') AND a.Family <> 'logon'
                AND a.RemoteSession IS NULL AND a.ParentGuid IS NOT NULL
              GROUP BY a.rowid) q
            WHERE e.rowid = q.rid""";

    private RemoteSessions() {
    }

    /** Fills RemoteSession and RemoteLogon on {@code db}'s events; returns the rows set true. */
    public static long fill(Connection db) throws SQLException {
        DerivedViews.create(db);
        try (Statement st = db.createStatement()) {
            st.executeUpdate(OWN);
            for (int depth = 0; depth < MAX_DEPTH && st.executeUpdate(PARENTS) > 0; depth++) {
                // one generation of children per round
            }
            st.executeUpdate(ACTIONS);
            try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM events WHERE RemoteSession")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
