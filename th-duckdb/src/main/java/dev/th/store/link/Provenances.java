package dev.th.store.link;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The parts of External and LanShared that need more than one event (docs/attributes.md); the
 * normalizer decided what one event tells. Runs over every stored event, so the answer does not
 * depend on the order inputs were stored in; a row that has an attribute (true or false) keeps it.
 * <ol>
 * <li>LanShared for a file the System process (pid 4, the SMB server) wrote on a machine within two
 * minutes of a remote address reaching it: a share access (5145, the same file first), a network
 * logon (4624 type 3) or an incoming SMB connection (port 445); the address is the evidence.</li>
 * <li>Carried: a row whose file (the child, else the actor) is the file of an earlier row with
 * External (or LanShared) true gets it too: on the same machine by path (a Zone.Identifier stream
 * is its file's), in the same client by MD5 (a copy elsewhere), with the earliest such row as
 * evidence. Repeated while it adds rows (a copy of a download, then its executions).</li>
 * </ol>
 */
final class Provenances {
    /** The row's file path in lower case: the child, else the actor when the row has no child. */
    private static final String PATH = "lower(coalesce(%1$s.ChildPath, CASE WHEN %1$s.ChildFilename IS NULL THEN %1$s.ParentPath END))";
    private static final int ROUNDS = 4;
    /** Orders sources by time, then by reason: the same choice whatever order the rows are in (ties). */
    private static final String EARLIEST = "strftime(s.DateTime, '%Y-%m-%d %H:%M:%S.%f')";

    private Provenances() {
    }

    /**
     * Runs the steps after inputs {@code contentHashes} were stored. Carrying runs over the whole
     * store, but only when an input has a row that has the attribute or shares its file with one that
     * has it (otherwise nothing can change): most groups of inputs cost two small lookups.
     */
    static void fill(Connection db, java.util.Collection<String> contentHashes) throws SQLException {
        try (Statement st = db.createStatement()) {
            systemDrops(st);
            for (String attribute : new String[] {"External", "LanShared"}) {
                if (touches(db, attribute, contentHashes)) {
                    carryAll(st, attribute);
                }
            }
        }
    }

    /** The steps for every stored event at once (a store enriched in place: no input is new). */
    static void fillAll(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            systemDrops(st);
            carryAll(st, "External");
            carryAll(st, "LanShared");
        }
    }

    private static void carryAll(Statement st, String attribute) throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            int added = carry(st, attribute, "path", "s.Muid = t.Muid AND " + path("t") + " = s.p");
            added += carry(st, attribute, "MD5", "s.ClientId = t.ClientId AND t.ChildMd5 = s.ChildMd5");
            if (added == 0) {
                break;
            }
        }
    }

    /** Whether inputs {@code contentHashes} have a row with {@code attribute}, or a row sharing its file with one. */
    private static boolean touches(Connection db, String attribute, java.util.Collection<String> contentHashes)
            throws SQLException {
        String inputs = "(SELECT unnest(string_split(?, ',')))";
        String own = "SELECT 1 FROM events WHERE SourceHash IN " + inputs + " AND " + attribute + " = TRUE LIMIT 1";
        String shared = "SELECT 1 FROM (SELECT Muid, ClientId, ChildMd5, regexp_replace(" + path("e") + ", ':zone\\.identifier$', '') AS p "
                + "FROM events e WHERE " + attribute + " = TRUE) s JOIN events t ON t.SourceHash IN " + inputs + " AND t." + attribute
                + " IS NULL AND ";
        // the same file by path on the machine, or by MD5 in the client: two equality joins, not one join on an OR
        String byPath = shared + "s.Muid = t.Muid AND " + path("t") + " = s.p LIMIT 1";
        String byMd5 = shared + "s.ClientId = t.ClientId AND t.ChildMd5 = s.ChildMd5 LIMIT 1";
        for (String sql : new String[] {own, byPath, byMd5}) {
            try (java.sql.PreparedStatement ps = db.prepareStatement(sql)) {
                ps.setString(1, String.join(",", contentHashes));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String path(String alias) {
        return String.format(PATH, alias);
    }

    private static void systemDrops(Statement st) throws SQLException {
        String remote = "r.RemoteIp IS NOT NULL AND r.RemoteIp NOT IN ('127.0.0.1', '::1', '-') AND r.Muid = f.Muid "
                + "AND r.DateTime BETWEEN f.DateTime - INTERVAL 2 MINUTE AND f.DateTime + INTERVAL 2 MINUTE AND ("
                + "r.EventId = 5145 OR (r.EventId = 4624 AND r.LogonType = '3') "
                + "OR (r.Family = 'network' AND r.Direction = 'Incoming' AND r.LocalPort = 445))";
        String reason = "'dropped by System for ' || r.RemoteIp || ' (' || CASE WHEN r.EventId = 5145 THEN 'share access 5145' "
                + "WHEN r.EventId = 4624 THEN 'network logon 4624' ELSE 'SMB connection' END || ' at ' "
                + "|| strftime(r.DateTime, '%Y-%m-%d %H:%M:%S') || ')'";
        String score = "CASE WHEN r.EventId = 5145 AND lower(r.ChildPath) = lower(f.ChildPath) THEN 0 ELSE 1000000 END "
                + "+ abs(epoch(r.DateTime) - epoch(f.DateTime))";
        st.execute("UPDATE events SET LanShared = TRUE, AttrEvidence = " + appended("'LanShared: ' || q.why") + " FROM ("
                + "SELECT f.rowid AS rid, arg_min(" + reason + ", printf('%020.6f', " + score + ") || " + reason + ") AS why "
                + "FROM events f JOIN events r ON " + remote
                + " WHERE f.Family = 'file' AND f.Operation IN ('create', 'script', 'modify') AND f.LanShared IS NULL "
                + "AND f.Muid IN " + Scope.MACHINES + " "
                + "AND (f.ParentPid = 4 OR lower(f.ParentFilename) = 'system') GROUP BY f.rowid) q "
                + "WHERE events.rowid = q.rid");
    }

    /**
     * Gives {@code attribute} to the rows that {@code join} matches to an earlier row having it;
     * returns how many rows gained it.
     */
    private static int carry(Statement st, String attribute, String by, String join) throws SQLException {
        String sources = "SELECT ClientId, Muid, DateTime, EventId, ChildMd5, regexp_replace(" + path("e")
                + ", ':zone\\.identifier$', '') AS p, regexp_extract(AttrEvidence, '" + attribute + ": ([^;]*)', 1) AS why "
                + "FROM events e WHERE " + attribute + " = TRUE";
        String reason = "CASE WHEN s.why LIKE 'carried %' THEN s.why ELSE 'carried by " + by + " from event ' || s.EventId "
                + "|| ' at ' || strftime(s.DateTime, '%Y-%m-%d %H:%M:%S') || ' (' || s.why || ')' END";
        return st.executeUpdate("UPDATE events SET " + attribute + " = TRUE, AttrEvidence = "
                + appended("'" + attribute + ": ' || q.why") + " FROM ("
                + "SELECT t.rowid AS rid, arg_min(" + reason + ", " + EARLIEST + " || " + reason + ") AS why FROM (" + sources
                + ") s JOIN events t ON "
                + join + " AND t.DateTime >= s.DateTime WHERE t." + attribute + " IS NULL "
                + (by.equals("path") ? "AND s.p IS NOT NULL" : "AND s.ChildMd5 IS NOT NULL") + " GROUP BY t.rowid) q "
                + "WHERE events.rowid = q.rid");
    }

    /** AttrEvidence with {@code entry} (rendered SQL) appended. */
    private static String appended(String entry) {
        return "CASE WHEN AttrEvidence IS NULL THEN " + entry + " ELSE AttrEvidence || '; ' || " + entry + " END";
    }
}
