package dev.th.store;

import dev.th.hunt.ioa.GapIoas;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.RecordGap;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the holes in each machine's channels (EventRecordIDs missing between the first and last
 * seen, over every stored input of that machine and channel) and makes them IoAs
 * ({@link GapIoas}). Records carved from slack space ({@code Recovered}) are not part of the
 * live sequence and are left out; a record stored from two copies of a file counts once; events
 * without an EventRecordID (JSON exports that carry none) have no sequence and raise nothing.
 * The Security 4688 marked {@code Duplicate} beside its Sysmon 1 is still a record of the
 * Security log and keeps its place in that sequence.
 */
public final class RecordGaps {
    private static final String SQL = """
            WITH r AS (
              SELECT ClientId, Muid, MachineName, Channel, DateTime, EventId, SourcePath, SourceHash, RecordId,
                     TRY_CAST(json_extract_string(Fields, '$.EventRecordID') AS BIGINT) AS rid
              FROM events
              WHERE Recovered IS NOT TRUE AND Channel IS NOT NULL %s
            ), d AS (
              SELECT * FROM r WHERE rid IS NOT NULL
              QUALIFY row_number() OVER (PARTITION BY ClientId, Muid, Channel, rid ORDER BY SourceHash, RecordId) = 1
            ), l AS (
              SELECT *, lag(rid) OVER w AS prid, lag(DateTime) OVER w AS ptime, lag(EventId) OVER w AS pevent
              FROM d WINDOW w AS (PARTITION BY ClientId, Muid, Channel ORDER BY rid)
            )
            SELECT ClientId, Muid, MachineName, Channel, prid + 1, rid - 1, prid, ptime, pevent, rid, DateTime, EventId,
                   concat(SourcePath, '#', RecordId), SourceHash, RecordId
            FROM l WHERE rid > prid + 1
            ORDER BY ClientId, Muid, Channel, rid""";

    private RecordGaps() {
    }

    /**
     * The holes of the machines and channels that the inputs {@code sourceHashes} hold events
     * of (all of them when null), by client, machine, channel and record id.
     */
    public static List<RecordGap> find(Connection db, Collection<String> sourceHashes) throws SQLException {
        if (sourceHashes != null && sourceHashes.isEmpty()) {
            return List.of();
        }
        String scope = sourceHashes == null ? "" : "AND (ClientId, Muid, Channel) IN (SELECT DISTINCT ClientId, Muid, "
                + "Channel FROM events WHERE SourceHash IN (?" + ", ?".repeat(sourceHashes.size() - 1) + "))";
        List<RecordGap> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(SQL.formatted(scope))) {
            int i = 1;
            if (sourceHashes != null) {
                for (String h : sourceHashes) {
                    ps.setString(i++, h);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordGap(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), instant(rs, 8), rs.getInt(9), rs.getLong(10),
                            instant(rs, 11), rs.getInt(12), rs.getString(13), rs.getString(14), rs.getLong(15)));
                }
            }
        }
        return out;
    }

    /** The IoAs of the holes {@link #find} returns, produced at {@code now}. */
    public static List<Ioa> ioas(Connection db, Collection<String> sourceHashes, Instant now) throws SQLException {
        GapIoas factory = GapIoas.standard();
        List<Ioa> out = new ArrayList<>();
        for (RecordGap g : find(db, sourceHashes)) {
            out.add(factory.create(g, now));
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return IoaTable.instant(rs.getObject(column, LocalDateTime.class));
    }
}
