package dev.th.store;

import dev.th.hunt.ioc.Indicator;
import dev.th.hunt.ioc.IocList;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collection;
import org.dflib.DataFrame;
import org.dflib.builder.DataFrameArrayAppender;

/**
 * Indicators of compromise in the store, and their matches. {@code iocs} holds the loaded
 * indicators (type, value, where they came from); {@code ioc_detections} holds one detection per
 * indicator per matched event, with the seed's detection columns first (DateTime, ClientId,
 * Muid, LoggedUser, ChildMd5, ChildPath, ChildFilename, ParentMd5, ParentPath, ParentFilename,
 * WinningTech = {@code IoC}, DetectionId = {@code type:value}, Action = {@code alert}), then
 * IocType, IocValue, MatchedColumn, MachineName, Channel, EventId, SourcePath, SourceHash,
 * RecordId and a stable id, so matching again adds nothing.
 *
 * <p>MD5 indicators match ChildMd5 and ParentMd5, IPs match RemoteIp, domains match QueryName
 * (the domain and its subdomains); all case-insensitively.
 */
public final class IocStore {
    /** The WinningTech of IoC matches. */
    public static final String WINNING_TECH = "IoC";

    private static final String DDL_IOCS = """
            CREATE TABLE IF NOT EXISTS iocs (
              type TEXT NOT NULL, value TEXT NOT NULL, source TEXT, loadedAt TIMESTAMP,
              PRIMARY KEY (type, value))""";
    private static final String DDL_DETECTIONS = """
            CREATE TABLE IF NOT EXISTS ioc_detections (
              DateTime TIMESTAMP, ClientId TEXT, Muid TEXT, LoggedUser TEXT,
              ChildMd5 TEXT, ChildPath TEXT, ChildFilename TEXT,
              ParentMd5 TEXT, ParentPath TEXT, ParentFilename TEXT,
              WinningTech TEXT, DetectionId TEXT, Action TEXT,
              IocType TEXT, IocValue TEXT, MatchedColumn TEXT, MachineName TEXT, Channel TEXT, EventId INTEGER,
              SourcePath TEXT, SourceHash TEXT, RecordId BIGINT, id TEXT PRIMARY KEY)""";

    /**
     * The seed's detections from every source: events of family {@code detection} (Defender)
     * and the IoC matches, with the columns of {@code events} (those an IoC match lacks are null).
     */
    private static final String DDL_DETECTIONS_VIEW = """
            CREATE OR REPLACE VIEW detections AS
            SELECT * FROM events WHERE Family = 'detection'
            UNION ALL BY NAME
            SELECT DateTime, CAST(DateTime AS DATE) AS Date, ClientId, Muid, MachineName, Channel, EventId,
                   RecordId, SourceHash, SourcePath, 'detection' AS Family, LoggedUser,
                   ChildMd5, ChildPath, ChildFilename, ParentMd5, ParentPath, ParentFilename,
                   WinningTech, DetectionId, Action
            FROM ioc_detections""";

    private final Connection db;

    /** Uses {@code db} (not closed here); creates the two tables when missing. */
    public IocStore(Connection db) throws SQLException {
        this.db = db;
        try (Statement st = db.createStatement()) {
            createTables(st);
        }
    }

    /** Creates the IoC tables and the {@code detections} view when missing (needs the events table). */
    static void createTables(Statement st) throws SQLException {
        st.execute(DDL_IOCS);
        st.execute(DDL_DETECTIONS);
        st.execute(DDL_DETECTIONS_VIEW);
    }

    /** Adds the list's indicators not loaded before; returns how many were new. */
    public int load(IocList list, Instant now) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO iocs SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM iocs WHERE type = ? AND value = ?)")) {
            for (Indicator i : list.indicators()) {
                ps.setString(1, i.type().label());
                ps.setString(2, i.value());
                ps.setString(3, i.source());
                ps.setObject(4, IoaTable.utc(now));
                ps.setString(5, i.type().label());
                ps.setString(6, i.value());
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    /** The columns {@link #list} returns: the seed's detection columns, then where the match was. */
    public static final String[] LIST_COLUMNS = {"DateTime", "ClientId", "Muid", "LoggedUser", "ChildMd5", "ChildPath",
        "ChildFilename", "ParentMd5", "ParentPath", "ParentFilename", "WinningTech", "DetectionId", "Action",
        "MatchedColumn", "MachineName", "Channel", "EventId", "SourcePath", "RecordId"};

    /** The stored detections, by time, as a DataFrame of {@link #LIST_COLUMNS} (times as UTC LocalDateTime). */
    public DataFrame list() throws SQLException {
        DataFrameArrayAppender rows = DataFrame.byArrayRow(LIST_COLUMNS).appender();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + String.join(", ", LIST_COLUMNS)
                     + " FROM ioc_detections ORDER BY DateTime, SourcePath, RecordId")) {
            while (rs.next()) {
                Object[] row = new Object[LIST_COLUMNS.length];
                for (int i = 0; i < row.length; i++) {
                    row[i] = i == 0 ? rs.getObject(1, java.time.LocalDateTime.class) : rs.getObject(i + 1);
                }
                rows.append(row);
            }
        }
        return rows.toDataFrame();
    }

    /** How many indicators are loaded. */
    public long indicators() throws SQLException {
        return count("SELECT count(*) FROM iocs");
    }

    /** How many detections are stored. */
    public long detections() throws SQLException {
        return count("SELECT count(*) FROM ioc_detections");
    }

    /**
     * Matches every loaded indicator against the stored events (of these inputs when
     * {@code sourceHashes} is given, else all) and stores the new detections; returns how many.
     */
    public int match(Collection<String> sourceHashes) throws SQLException {
        if (!eventsTableExists() || sourceHashes != null && sourceHashes.isEmpty()) {
            return 0;
        }
        String where = sourceHashes == null ? "" : " AND e.SourceHash IN (?" + ", ?".repeat(sourceHashes.size() - 1) + ")";
        String matches = String.join(" UNION ALL ",
                part("ChildMd5", "md5", "lower(e.ChildMd5) = i.value", where),
                part("ParentMd5", "md5", "lower(e.ParentMd5) = i.value", where),
                part("RemoteIp", "ip", "lower(e.RemoteIp) = i.value", where),
                part("QueryName", "domain", "(rtrim(lower(e.QueryName), '.') = i.value "
                        + "OR ends_with(rtrim(lower(e.QueryName), '.'), '.' || i.value))", where));
        String sql = "INSERT INTO ioc_detections SELECT DISTINCT ON (id) * FROM (SELECT m.DateTime, m.ClientId, m.Muid, "
                + "m.LoggedUser, m.ChildMd5, m.ChildPath, m.ChildFilename, m.ParentMd5, m.ParentPath, m.ParentFilename, "
                + "'" + WINNING_TECH + "', m.itype || ':' || m.ivalue, 'alert', m.itype, m.ivalue, m.col, m.MachineName, "
                + "m.Channel, m.EventId, m.SourcePath, m.SourceHash, m.RecordId, "
                + "substr(md5(m.ClientId || '|' || m.itype || ':' || m.ivalue || '|' || m.SourceHash || '|' "
                + "|| CAST(m.RecordId AS VARCHAR)), 1, 16) AS id FROM (" + matches + ") m) x "
                + "WHERE id NOT IN (SELECT id FROM ioc_detections) ORDER BY id";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (sourceHashes != null) {
                int k = 1;
                for (int part = 0; part < 4; part++) {
                    for (String h : sourceHashes) {
                        ps.setString(k++, h);
                    }
                }
            }
            return ps.executeUpdate();
        }
    }

    private static String part(String column, String type, String on, String where) {
        return "SELECT e.*, i.type AS itype, i.value AS ivalue, '" + column + "' AS col FROM events e JOIN iocs i "
                + "ON i.type = '" + type + "' AND " + on + " WHERE e." + column + " IS NOT NULL" + where;
    }

    private boolean eventsTableExists() throws SQLException {
        return count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'") > 0;
    }

    private long count(String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
