package dev.th.store;

import dev.th.hunt.ioa.GapIoas;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Joins what the store knows of each process to every row about it, after an ingest (in SQL, in
 * the store, over every machine):
 * <ol>
 *   <li><b>One process, one row.</b> The Security 4688 (4689) of a process creation (end) that
 *       Sysmon 1 (5) also logged, on the same machine, with the same pid and image, within
 *       {@value #TWIN_SECONDS} seconds, is marked {@code Duplicate}; the Sysmon record stands
 *       for both and takes what only the Security record has (logon id, token elevation, user,
 *       command line when missing). Both records name the other in {@code AlsoLogged}. An IoA
 *       raised by the same rule on both records is kept once (on the Sysmon record).</li>
 *   <li><b>What the creation knows, every row knows.</b> Rows whose actor (Parent) is a process
 *       whose creation is stored get, where they have none, its file name, path, MD5 and
 *       command line as Parent*, and its user as LoggedUser; rows whose target (Child) is such a
 *       process get its file, path and MD5. The process is found by GUID, or, for sources
 *       without one (the Security log), by pid on the same machine within the process's
 *       lifetime (from its creation to its end or the next creation of the pid); such rows also
 *       get the process's GUID, so that a pivot from a process known by GUID reaches them.</li>
 * </ol>
 * Only empty values are filled, so running it again changes nothing; the event's own fields
 * stay in {@code Fields}.
 */
public final class ProcessJoin {
    /** The largest distance in time between the two records of one process creation. */
    static final int TWIN_SECONDS = 2;
    /** An action may be logged this long before its actor's creation record (the sources' clocks). */
    static final int EARLY_SECONDS = 1;

    private static final String REF = "concat(%1$s.SourcePath, '#', %1$s.RecordId)";
    private static final String SYSMON = "'Microsoft-Windows-Sysmon/Operational'";

    private static final String TWINS = """
            CREATE OR REPLACE TEMP TABLE th_twins AS
            SELECT x.rowid AS xrow, s.rowid AS srow, %1$s AS xref, %2$s AS sref
            FROM events x JOIN events s
              ON s.Muid = x.Muid AND s.ChildPid = x.ChildPid AND s.Operation = x.Operation
             AND s.Family = 'process' AND s.Channel = %3$s
             AND ((x.EventId = 4688 AND s.EventId = 1) OR (x.EventId = 4689 AND s.EventId = 5))
             AND lower(coalesce(s.ChildFilename, '')) = lower(coalesce(x.ChildFilename, ''))
             AND s.DateTime BETWEEN x.DateTime - INTERVAL %4$d SECOND AND x.DateTime + INTERVAL %4$d SECOND
             AND s.AlsoLogged IS NULL
            WHERE x.Family = 'process' AND x.Channel = 'Security' AND x.EventId IN (4688, 4689)
              AND x.Duplicate IS NULL
            QUALIFY row_number() OVER (PARTITION BY x.rowid ORDER BY abs(epoch_ms(s.DateTime) - epoch_ms(x.DateTime))) = 1
                AND row_number() OVER (PARTITION BY s.rowid ORDER BY abs(epoch_ms(s.DateTime) - epoch_ms(x.DateTime))) = 1
            """.formatted(REF.formatted("x"), REF.formatted("s"), SYSMON, TWIN_SECONDS);

    /** The Sysmon record takes what only the Security record has. */
    private static final String TWIN_PRIMARY = "UPDATE events SET AlsoLogged = t.xref, "
            + fill("x", "LogonId", "TokenElevation", "LoggedUser", "CommandLine", "ParentFilename", "ParentPath", "ParentPid")
            + " FROM th_twins t JOIN events x ON x.rowid = t.xrow WHERE events.rowid = t.srow";

    /** The Security record is marked, and carries the process's GUIDs (so pivots by GUID find it). */
    private static final String TWIN_DUPLICATE = "UPDATE events SET Duplicate = true, AlsoLogged = t.sref, "
            + fill("s", "ChildGuid", "ParentGuid", "ChildMd5")
            + " FROM th_twins t JOIN events s ON s.rowid = t.srow WHERE events.rowid = t.xrow";

    /** The IoAs a rule raised on a Duplicate record when it also matched the record that stands for both. */
    private static final String TWIN_IOAS = """
            CREATE OR REPLACE TEMP TABLE th_twin_ioas AS
            SELECT DISTINCT a.id, a.ruleId, a.muid, a.huntingRule FROM ioas a
            JOIN events x ON x.SourceHash = a.sourceHash AND x.RecordId = a.recordId AND x.Muid = a.muid AND x.Duplicate
            JOIN events s ON s.Muid = x.Muid AND concat(s.SourcePath, '#', s.RecordId) = x.AlsoLogged
            JOIN ioas b ON b.ruleId = a.ruleId AND b.sourceHash = s.SourceHash AND b.recordId = s.RecordId
                       AND b.id <> a.id
            WHERE a.ruleId <> '%s'
            """.formatted(GapIoas.RULE_ID); // a hole is in a channel's sequence, not a process: each log's stands

    /** Token elevation of the Security record, in words. */
    private static final String ELEVATION = """
            UPDATE events SET TokenElevation = CASE json_extract_string(Fields, '$.TokenElevationType')
                WHEN '%%1936' THEN 'full' WHEN '%%1937' THEN 'elevated' WHEN '%%1938' THEN 'limited'
                ELSE json_extract_string(Fields, '$.TokenElevationType') END
            WHERE Channel = 'Security' AND EventId = 4688 AND TokenElevation IS NULL
              AND json_extract_string(Fields, '$.TokenElevationType') IS NOT NULL
            """;

    /**
     * Every process creation that stands for its process, with its lifetime: until its end (a
     * kill of the pid) or the next creation of the same pid on the machine.
     */
    private static final String PROCS = """
            CREATE OR REPLACE TEMP TABLE th_procs AS
            WITH c AS (
              SELECT Muid, ChildGuid AS Guid, ChildPid AS Pid, DateTime AS Start, ChildFilename AS Filename,
                     ChildPath AS Path, ChildMd5 AS Md5, CommandLine, LoggedUser,
                     lead(DateTime) OVER (PARTITION BY Muid, ChildPid ORDER BY DateTime) AS NextStart
              FROM events
              WHERE Family = 'process' AND Operation = 'create' AND Duplicate IS NULL AND ChildPid IS NOT NULL),
            k AS (
              SELECT Muid, ChildPid AS Pid, DateTime FROM events
              WHERE Family = 'process' AND Operation = 'kill' AND ChildPid IS NOT NULL)
            SELECT c.*, least(c.NextStart,
                   (SELECT min(k.DateTime) FROM k WHERE k.Muid = c.Muid AND k.Pid = c.Pid AND k.DateTime > c.Start)) AS End
            FROM c
            """;

    private static final String PROCS_BY_GUID = """
            CREATE OR REPLACE TEMP TABLE th_procs_guid AS
            SELECT * FROM th_procs WHERE Guid IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY Muid, Guid ORDER BY Start) = 1
            """;

    /** What the actor's creation ({@code p}) knows, set where the row has nothing (a creation keeps its own user). */
    private static final String ACTOR_SET = """
              ParentFilename = coalesce(events.ParentFilename, p.Filename),
              ParentPath = coalesce(events.ParentPath, p.Path),
              ParentMd5 = coalesce(events.ParentMd5, p.Md5),
              ParentCommandLine = coalesce(events.ParentCommandLine, p.CommandLine),
              LoggedUser = CASE WHEN events.Family = 'process' AND events.Operation = 'create' THEN events.LoggedUser
                                ELSE coalesce(events.LoggedUser, p.LoggedUser) END
            """;

    /** What the target process's creation ({@code p}) knows, set where the row has nothing. */
    private static final String TARGET_SET = """
              ChildFilename = coalesce(events.ChildFilename, p.Filename),
              ChildPath = coalesce(events.ChildPath, p.Path),
              ChildMd5 = coalesce(events.ChildMd5, p.Md5)
            """;

    /** What the actor's creation knows, on every row of the actor, by GUID. */
    private static final String ACTOR_BY_GUID = "UPDATE events SET " + ACTOR_SET + """
            FROM th_procs_guid p
            WHERE p.Muid = events.Muid AND p.Guid = events.ParentGuid
              AND (events.ParentFilename IS NULL AND p.Filename IS NOT NULL
                OR events.ParentPath IS NULL AND p.Path IS NOT NULL
                OR events.ParentMd5 IS NULL AND p.Md5 IS NOT NULL
                OR events.ParentCommandLine IS NULL AND p.CommandLine IS NOT NULL
                OR events.LoggedUser IS NULL AND p.LoggedUser IS NOT NULL
                   AND NOT (events.Family = 'process' AND events.Operation = 'create'))
            """;

    /** The actor of each row without a parent GUID, by pid within its lifetime. */
    private static final String ACTOR_BY_PID = """
            CREATE OR REPLACE TEMP TABLE th_actor_pid AS
            SELECT e.rowid AS rid, p.*
            FROM events e JOIN th_procs p ON p.Muid = e.Muid AND p.Pid = e.ParentPid
             AND e.DateTime >= p.Start - INTERVAL %1$d SECOND AND (p.End IS NULL OR e.DateTime <= p.End)
            WHERE e.ParentGuid IS NULL AND e.ParentPid IS NOT NULL AND e.Duplicate IS NULL
            QUALIFY row_number() OVER (PARTITION BY e.rowid ORDER BY p.Start DESC) = 1
            """.formatted(EARLY_SECONDS);

    private static final String ACTOR_FROM_PID = "UPDATE events SET ParentGuid = p.Guid, " + ACTOR_SET
            + "FROM th_actor_pid p WHERE events.rowid = p.rid";

    /** What a target process's creation knows, on the rows acting on it (access, thread, end), by GUID. */
    private static final String TARGET_BY_GUID = "UPDATE events SET " + TARGET_SET + """
            FROM th_procs_guid p
            WHERE p.Muid = events.Muid AND p.Guid = events.ChildGuid
              AND events.Family = 'process' AND events.Operation <> 'create'
              AND (events.ChildFilename IS NULL AND p.Filename IS NOT NULL
                OR events.ChildPath IS NULL AND p.Path IS NOT NULL
                OR events.ChildMd5 IS NULL AND p.Md5 IS NOT NULL)
            """;

    /** The target process of each row without a child GUID (the Security log's ends), by pid within its lifetime. */
    private static final String TARGET_BY_PID = """
            CREATE OR REPLACE TEMP TABLE th_target_pid AS
            SELECT e.rowid AS rid, p.*
            FROM events e JOIN th_procs p ON p.Muid = e.Muid AND p.Pid = e.ChildPid
             AND e.DateTime >= p.Start - INTERVAL %1$d SECOND AND (p.End IS NULL OR e.DateTime <= p.End)
            WHERE e.ChildGuid IS NULL AND e.ChildPid IS NOT NULL AND e.Family = 'process' AND e.Operation <> 'create'
              AND e.Duplicate IS NULL
            QUALIFY row_number() OVER (PARTITION BY e.rowid ORDER BY p.Start DESC) = 1
            """.formatted(EARLY_SECONDS);

    private static final String TARGET_FROM_PID = "UPDATE events SET ChildGuid = p.Guid, " + TARGET_SET
            + "FROM th_target_pid p WHERE events.rowid = p.rid";

    private ProcessJoin() {
    }

    /** {@code C = coalesce(events.C, source.C)} for each column: fills only what the row lacks. */
    private static String fill(String source, String... columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c).append(" = coalesce(events.").append(c).append(", ")
                    .append(source).append('.').append(c).append(')');
        }
        return sb.toString();
    }

    /**
     * Runs the joins over the whole store in one transaction (the connection must have no
     * transaction open).
     */
    public static Result run(Connection db) throws SQLException {
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            st.execute(ELEVATION);
            st.execute(TWINS);
            int twins;
            try (var rs = st.executeQuery("SELECT count(*) FROM th_twins")) {
                rs.next();
                twins = rs.getInt(1);
            }
            if (twins > 0) {
                st.execute(TWIN_PRIMARY);
                st.execute(TWIN_DUPLICATE);
            }
            st.execute(PROCS);
            st.execute(PROCS_BY_GUID);
            st.execute(ACTOR_BY_GUID);
            st.execute(ACTOR_BY_PID);
            st.execute(ACTOR_FROM_PID);
            st.execute(TARGET_BY_GUID);
            st.execute(TARGET_BY_PID);
            st.execute(TARGET_FROM_PID);
            Map<String, String> dropped = dropTwinIoas(st);
            for (String t : new String[] {"th_twins", "th_procs", "th_procs_guid", "th_actor_pid", "th_target_pid"}) {
                st.execute("DROP TABLE IF EXISTS " + t);
            }
            db.commit();
            db.setAutoCommit(auto);
            return new Result(twins, dropped);
        } catch (SQLException | RuntimeException e) {
            Rollback.after(db, e, auto);
            throw e;
        }
    }

    /**
     * Drops the IoAs a rule raised on the Security record of a process when it also matched the
     * Sysmon record, and recounts the evidence of their rules. Returns the ids dropped, with
     * their rule (huntingRule).
     */
    static Map<String, String> dropTwinIoas(Statement st) throws SQLException {
        Map<String, String> dropped = new TreeMap<>();
        // both tables, the events with their Duplicate column (an IoA table may be used alone)
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = '"
                + IoaTable.TABLE + "' AND column_name = 'id' OR table_name = '" + Schema.EVENTS
                + "' AND column_name = 'Duplicate'")) {
            rs.next();
            if (rs.getInt(1) < 2) {
                return dropped;
            }
        }
        st.execute(TWIN_IOAS);
        try (ResultSet rs = st.executeQuery("SELECT id, huntingRule FROM th_twin_ioas")) {
            while (rs.next()) {
                dropped.put(rs.getString(1), rs.getString(2));
            }
        }
        if (!dropped.isEmpty()) {
            st.execute("DELETE FROM ioas WHERE id IN (SELECT id FROM th_twin_ioas)");
            IoaTable.refreshEvidence(st, "th_twin_ioas");
        }
        st.execute("DROP TABLE th_twin_ioas");
        return dropped;
    }

    /**
     * What a join did.
     *
     * @param duplicates the process records newly found to repeat another (Security beside Sysmon)
     * @param droppedIoas the IoAs dropped because the same rule matched the other record (id to
     *     huntingRule)
     */
    public record Result(int duplicates, Map<String, String> droppedIoas) {
    }
}
