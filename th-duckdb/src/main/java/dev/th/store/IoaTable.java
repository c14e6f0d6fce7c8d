package dev.th.store;

import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code ioas} table of the store: one row per rule per matched event (the primary key is
 * the IoA's stable id, so hunting the same data again adds nothing), with the seed's
 * {@code get_ioas} columns first, then ruleId, ruleTitle, ruleAuthor, eventRef, machineName,
 * sourceHash, recordId. Status and excluded are the hunter's and are never overwritten by a
 * hunt. Times are UTC TIMESTAMPs.
 */
public final class IoaTable {
    /** The table's name. */
    public static final String TABLE = "ioas";

    private static final String DDL = """
            CREATE TABLE IF NOT EXISTS ioas (
              alertDateTime TIMESTAMP NOT NULL,
              clientId TEXT NOT NULL,
              critical BOOLEAN NOT NULL,
              details TEXT,
              excluded BOOLEAN NOT NULL,
              huntingRule TEXT,
              id TEXT PRIMARY KEY,
              lastHourEvidenceCount INTEGER NOT NULL,
              mitre TEXT,
              muid TEXT NOT NULL,
              severity TEXT,
              status TEXT NOT NULL,
              timeStamp TIMESTAMP NOT NULL,
              weight INTEGER NOT NULL,
              ruleId TEXT NOT NULL,
              ruleTitle TEXT,
              ruleAuthor TEXT,
              eventRef TEXT,
              machineName TEXT,
              sourceHash TEXT,
              recordId BIGINT)""";

    private static final String COLUMNS = "alertDateTime, clientId, critical, details, excluded, huntingRule, id, "
            + "lastHourEvidenceCount, mitre, muid, severity, status, timeStamp, weight, ruleId, ruleTitle, ruleAuthor, "
            + "eventRef, machineName, sourceHash, recordId";

    private final Connection db;
    private Map<String, String> lastDropped = Map.of();

    /** Uses {@code db} (not closed here) and creates the table when missing. */
    public IoaTable(Connection db) throws SQLException {
        this.db = db;
        try (Statement st = db.createStatement()) {
            st.execute(DDL);
        }
    }

    /**
     * The IoAs the last {@link #insert} left out because the same rule also matched the other
     * record of the same process (a Security 4688 beside its Sysmon 1): id to huntingRule.
     */
    public Map<String, String> lastDropped() {
        return lastDropped;
    }

    /**
     * Stores the IoAs not stored before (by id) and refreshes the evidence counts of the
     * machines concerned. Returns how many were new.
     */
    /**
     * IoAs raised on events of an input whose clock the store corrected (ClockShift) take the
     * event's corrected time as their alertDateTime: hunting at ingest sees the event's own time.
     * Only IoAs dated at their event's uncorrected time move, so running this again changes nothing.
     */
    public void alignToEventClock(Collection<String> sourceHashes) throws SQLException {
        if (sourceHashes.isEmpty()) {
            return;
        }
        String in = "?" + ", ?".repeat(sourceHashes.size() - 1);
        try (java.sql.PreparedStatement ps = db.prepareStatement("UPDATE ioas SET alertDateTime = e.DateTime FROM events e "
                + "WHERE ioas.sourceHash = e.SourceHash AND ioas.recordId = e.RecordId AND e.ClockShift IS NOT NULL "
                + "AND ioas.alertDateTime = e.DateTime - to_minutes(CAST(e.ClockShift AS BIGINT)) AND e.SourceHash IN (" + in + ")")) {
            int i = 1;
            for (String h : sourceHashes) {
                ps.setString(i++, h);
            }
            ps.executeUpdate();
        }
    }

    public int insert(Collection<Ioa> ioas) throws SQLException {
        if (ioas.isEmpty()) {
            return 0;
        }
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement st = db.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE ioas_new AS SELECT * FROM ioas LIMIT 0");
            // DuckDB's appender: a batch of prepared INSERTs runs one statement per row (~0.4 ms
            // each, most of the cost of hunting at ingest; see docs/benchmarks.md)
            try (DuckDBAppender ap = db.unwrap(DuckDBConnection.class).createAppender("temp", "main", "ioas_new")) {
                for (Ioa a : ioas) {
                    ap.beginRow();
                    ap.append(utc(a.alertDateTime()));
                    ap.append(a.clientId());
                    ap.append(a.critical());
                    ap.append(a.details());
                    ap.append(a.excluded());
                    ap.append(a.huntingRule());
                    ap.append(a.id());
                    ap.append(a.lastHourEvidenceCount());
                    ap.append(a.mitre());
                    ap.append(a.muid());
                    ap.append(a.severity());
                    ap.append(a.status());
                    ap.append(utc(a.timeStamp()));
                    ap.append(a.weight());
                    ap.append(a.ruleId());
                    ap.append(a.ruleTitle());
                    ap.append(a.ruleAuthor());
                    ap.append(a.eventRef());
                    ap.append(a.machineName());
                    ap.append(a.sourceHash());
                    ap.append(a.recordId());
                    ap.endRow();
                }
            }
            int added = st.executeUpdate("INSERT INTO ioas SELECT DISTINCT ON (id) * FROM ioas_new "
                    + "WHERE id NOT IN (SELECT id FROM ioas)");
            lastDropped = Map.of();
            if (added > 0) {
                lastDropped = ProcessJoin.dropTwinIoas(st);
                added -= lastDropped.size();
                refreshEvidence(st, "ioas_new");
            }
            st.execute("DROP TABLE ioas_new");
            db.commit();
            db.setAutoCommit(auto);
            return added;
        } catch (SQLException | RuntimeException e) {
            Rollback.after(db, e, auto);
            throw e;
        }
    }

    /**
     * Recomputes lastHourEvidenceCount (other IoAs of the same rule and machine in
     * [t - 1h, t]) for the rule and machine pairs of table {@code batch} (e.g. the batch just
     * inserted, {@code ioas_new}).
     */
    static void refreshEvidence(Statement st, String batch) throws SQLException {
        st.execute("""
                UPDATE ioas SET lastHourEvidenceCount = w.c FROM (
                  SELECT id, CAST(count(*) OVER (PARTITION BY ruleId, muid ORDER BY alertDateTime
                      RANGE BETWEEN INTERVAL 1 HOUR PRECEDING AND CURRENT ROW) - 1 AS INTEGER) AS c
                  FROM ioas WHERE (ruleId, muid) IN (SELECT DISTINCT ruleId, muid FROM %s)) w
                WHERE ioas.id = w.id AND ioas.lastHourEvidenceCount <> w.c""".formatted(batch));
    }

    /** The IoAs matching {@code q}, by alertDateTime then id. */
    public List<Ioa> list(IoaQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM ioas WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.clientId() != null) {
            sql.append(" AND clientId = ?");
            args.add(q.clientId());
        }
        if (q.muid() != null) {
            sql.append(" AND muid = ?");
            args.add(q.muid());
        }
        if (q.from() != null) {
            sql.append(" AND alertDateTime >= ?");
            args.add(utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND alertDateTime < ?");
            args.add(utc(q.to()));
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().label());
        }
        if (!q.includeExcluded()) {
            sql.append(" AND NOT excluded");
        }
        if (q.rules() != null && !q.rules().isEmpty()) {
            sql.append(" AND (");
            for (int i = 0; i < q.rules().size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("contains(lower(huntingRule), lower(?)) OR ruleId = ?");
                args.add(q.rules().get(i));
                args.add(q.rules().get(i));
            }
            sql.append(")");
        }
        sql.append(" ORDER BY alertDateTime, id");
        try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Ioa> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        }
    }

    /** The stored IoAs with these ids (unknown ids are ignored), by alertDateTime then id. */
    public List<Ioa> byIds(Collection<String> ids) throws SQLException {
        List<Ioa> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        try (Statement st = db.createStatement()) {
            st.execute("CREATE OR REPLACE TEMP TABLE ioa_ids (id TEXT)");
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO ioa_ids VALUES (?)")) {
                for (String id : ids) {
                    ps.setString(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM ioas WHERE id IN (SELECT id FROM ioa_ids) "
                    + "ORDER BY alertDateTime, id")) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            st.execute("DROP TABLE ioa_ids");
        }
        return out;
    }

    /** The IoA with this id, or null. */
    public Ioa get(String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT " + COLUMNS + " FROM ioas WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row(rs) : null;
            }
        }
    }

    /** Sets a hunter's status; false when no IoA has this id. */
    public boolean setStatus(String id, IoaStatus status) throws SQLException {
        return update("UPDATE ioas SET status = ? WHERE id = ?", status.label(), id);
    }

    /** Sets or clears a hunter's exclusion; false when no IoA has this id. */
    public boolean setExcluded(String id, boolean excluded) throws SQLException {
        return update("UPDATE ioas SET excluded = ? WHERE id = ?", excluded, id);
    }

    /** How many IoAs are stored. */
    public long count() throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ioas")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean update(String sql, Object value, String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setObject(1, value);
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    private static Ioa row(ResultSet rs) throws SQLException {
        return new Ioa(
                instant(rs.getObject(1, LocalDateTime.class)),
                rs.getString(2),
                rs.getBoolean(3),
                rs.getString(4),
                rs.getBoolean(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                instant(rs.getObject(13, LocalDateTime.class)),
                rs.getInt(14),
                rs.getString(15),
                rs.getString(16),
                rs.getString(17),
                rs.getString(18),
                rs.getString(19),
                rs.getString(20),
                rs.getLong(21));
    }

    static LocalDateTime utc(Instant t) {
        return t == null ? null : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /**
     * A filter over stored IoAs; null components do not filter.
     *
     * @param rules rule titles (case-insensitive substring) or exact rule ids, any of them
     * @param to exclusive upper bound
     */
    public record IoaQuery(String clientId, String muid, Instant from, Instant to, List<String> rules,
                           IoaStatus status, boolean includeExcluded) {
        /** Every stored IoA, excluded ones too. */
        public static IoaQuery all() {
            return new IoaQuery(null, null, null, null, null, null, true);
        }
    }
}
