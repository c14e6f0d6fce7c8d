package dev.th.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The hunting ingests of a store ({@value #TABLE}): when each started and whether its hunt ended.
 * An input's events are committed before the IoAs hunted in it are; an ingest killed in between
 * leaves inputs that every later ingest skips as duplicates. Such an ingest never ends here, so
 * the next one finds the inputs stored since it started ({@link #unended}) and hunts them again
 * (hunting is idempotent: only IoAs not stored before are added).
 */
final class IngestRuns {
    static final String TABLE = "ingest_hunts";
    /** Inputs stored up to this long before an unended ingest started are hunted again too (clocks). */
    private static final long MARGIN_MICROS = 1_000_000;

    private final Connection db;

    IngestRuns(Connection db) throws SQLException {
        this.db = db;
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (Id VARCHAR PRIMARY KEY, Started TIMESTAMP NOT NULL, Rules BOOLEAN NOT NULL, Pid BIGINT, Ended TIMESTAMP)");
        }
    }

    /** The ingests that started and never ended, and the inputs stored since the first of them. */
    record Unended(List<String> ids, Set<String> inputs) {
        static final Unended NONE = new Unended(List.of(), Set.of());
    }

    /**
     * The ingests that never ended (killed, or their hunt failed) and the inputs stored since each
     * started; with {@code rules} false only the ones that ran without rules (an ingest with
     * rules is left for one that has rules too).
     */
    Unended unended(boolean rules) throws SQLException {
        List<String> ids = new ArrayList<>();
        Set<String> inputs = new LinkedHashSet<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT h.Id, i.ContentHash FROM " + TABLE + " h LEFT JOIN " + Schema.INPUTS
                        + " i ON i.IngestedAt >= h.Started - to_microseconds(" + MARGIN_MICROS + ") AND i.Stored > 0"
                        + " WHERE h.Ended IS NULL" + (rules ? "" : " AND NOT h.Rules") + " ORDER BY h.Started, i.IngestedAt")) {
            while (rs.next()) {
                if (!ids.contains(rs.getString(1))) {
                    ids.add(rs.getString(1));
                }
                if (rs.getString(2) != null) {
                    inputs.add(rs.getString(2));
                }
            }
        }
        return ids.isEmpty() ? Unended.NONE : new Unended(ids, inputs);
    }

    /** Records that an ingest starts now (committed at once); returns its id. */
    String start(boolean rules) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, make_timestamp(?), ?, ?, NULL)")) {
            ps.setString(1, id);
            ps.setLong(2, micros(Instant.now()));
            ps.setBoolean(3, rules);
            ps.setLong(4, ProcessHandle.current().pid());
            ps.executeUpdate();
        }
        return id;
    }

    /** Records that the hunt of these ingests ended: what they stored is hunted. */
    void end(Collection<String> ids) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE " + TABLE + " SET Ended = make_timestamp(?) WHERE Id = ?")) {
            for (String id : ids) {
                ps.setLong(1, micros(Instant.now()));
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
