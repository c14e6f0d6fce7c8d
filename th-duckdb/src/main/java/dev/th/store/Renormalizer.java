package dev.th.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import dev.th.ingest.StoreException;
import dev.th.model.CanonicalEvent;
import dev.th.normalize.Normalizer;
import dev.th.store.link.Linker;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@code th store renormalize}: the events of inputs stored by an earlier normalizer version
 * made again from their own fields (the {@code Fields} JSON and the event's identity, its time
 * before any clock shift), so a store built before a mapping change gives the new answers. Per
 * input, in one transaction: the new rows replace the old ones, the cross-event steps run again
 * (dev.th.store.link) and the input's NormalizerVersion becomes {@link Normalizer#VERSION}.
 * Record identity (SourceHash, RecordId) is kept, so IoAs still point at their events. Inputs
 * whose version change only added columns are not made again but filled in place, in SQL
 * ({@link AttributeFill}), unless every input is asked for.
 */
public final class Renormalizer {
    /** Rows read, made again and appended at a time (bounded memory). */
    private static final int PAGE = 20_000;
    private static final String STAGING = "events_renormalize";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What became of one input. */
    public record Result(String path, int fromVersion, long events, List<String> notes) {
    }

    /** Told the events made again so far out of all the run will make (for a progress display). */
    public interface Progress {
        void events(long done, long total);
    }

    private final DuckDbStore store;
    private final Normalizer normalizer = new Normalizer();
    private Progress progress = (done, total) -> { };
    private long done;
    private long total;
    private Map<String, Long> counts = Map.of();

    public Renormalizer(DuckDbStore store) {
        this.store = store;
    }

    /** Reports progress to {@code p} after every page of events. */
    public Renormalizer progress(Progress p) {
        this.progress = p;
        return this;
    }

    /** Renormalizes every input older than {@link Normalizer#VERSION} (every input when {@code all}). */
    public List<Result> run(boolean all) {
        List<Result> results = new ArrayList<>();
        try {
            List<Object[]> inputs = inputs(all);
            counts = inputs.isEmpty() ? Map.of() : counts(store.connection());
            done = 0;
            total = 0;
            for (Object[] input : inputs) {
                total += events((String) input[0]);
            }
            List<Object[]> remade = new ArrayList<>();
            List<Object[]> filled = new ArrayList<>();
            for (Object[] input : inputs) {
                (!all && AttributeFill.fills((Integer) input[2]) ? filled : remade).add(input);
            }
            if (!filled.isEmpty()) {
                results.addAll(fill(filled));
            }
            for (Object[] input : remade) {
                results.add(renormalize((String) input[0], (String) input[1], (Integer) input[2], byEventId((String) input[3])));
            }
            if (!remade.isEmpty()) {
                store.joinProcesses(); // one process one row again, RemoteSession from the new logon rows, sightings
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot renormalize " + store.file() + ": " + e.getMessage(), e);
        }
        return results;
    }

    private List<Object[]> inputs(boolean all) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        String sql = "SELECT ContentHash, Path, coalesce(NormalizerVersion, 1), CAST(ByEventId AS VARCHAR) FROM "
                + Schema.INPUTS + (all ? "" : " WHERE coalesce(NormalizerVersion, 1) < " + Normalizer.VERSION)
                + " ORDER BY IngestedAt, Path";
        try (Statement st = store.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)});
            }
        }
        return out;
    }

    private long events(String hash) {
        return counts.getOrDefault(hash, 0L);
    }

    /** The events of each input (one scan for every input). */
    private static Map<String, Long> counts(java.sql.Connection db) throws SQLException {
        Map<String, Long> out = new java.util.HashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT SourceHash, count(*) FROM "
                + Schema.EVENTS + " GROUP BY SourceHash")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static Map<String, Long> byEventId(String json) throws IOException {
        return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, Long>>() { });
    }

    /** The inputs whose version change only added columns: filled in place, in one transaction. */
    private List<Result> fill(List<Object[]> inputs) throws SQLException {
        DuckDBConnection db = (DuckDBConnection) store.connection();
        List<String> hashes = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        long events = 0;
        for (Object[] input : inputs) {
            long n = events((String) input[0]);
            hashes.add((String) input[0]);
            results.add(new Result((String) input[1], (Integer) input[2], n, List.of()));
            events += n;
        }
        long before = done;
        db.setAutoCommit(false);
        try {
            AttributeFill.run(db, normalizer, hashes, events, n -> {
                done = before + n;
                progress.events(done, total);
            });
            db.commit();
            return results;
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private Result renormalize(String hash, String path, int fromVersion, Map<String, Long> byEventId) throws SQLException {
        DuckDBConnection db = (DuckDBConnection) store.connection();
        db.setAutoCommit(false);
        try {
            try (Statement st = db.createStatement()) {
                st.execute("CREATE OR REPLACE TABLE " + STAGING + " AS SELECT * FROM " + Schema.EVENTS + " LIMIT 0");
            }
            long n = 0;
            long after = Long.MIN_VALUE;
            try (DuckDBAppender appender = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, STAGING)) {
                for (List<Row> page = page(hash, after); !page.isEmpty(); page = page(hash, after)) {
                    for (Row r : page) {
                        RowAppender.append(appender, store.tableColumns(), normalizer.normalize(r.event, r.clientId));
                    }
                    n += page.size();
                    done += page.size();
                    progress.events(done, total);
                    after = page.get(page.size() - 1).event.recordId();
                }
            }
            List<String> notes;
            try (PreparedStatement del = db.prepareStatement("DELETE FROM " + Schema.EVENTS + " WHERE SourceHash = ?");
                    Statement st = db.createStatement()) {
                del.setString(1, hash);
                del.executeUpdate();
                st.execute("INSERT INTO " + Schema.EVENTS + " SELECT * FROM " + STAGING);
                List<String> muids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT Muid FROM " + STAGING + " WHERE Muid IS NOT NULL")) {
                    while (rs.next()) {
                        muids.add(rs.getString(1));
                    }
                }
                st.execute("DROP TABLE " + STAGING);
                notes = Linker.run(db, hash, path, byEventId);
                MachineTable.refresh(db, muids);
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE " + Schema.INPUTS + " SET NormalizerVersion = ? WHERE ContentHash = ?")) {
                ps.setInt(1, Normalizer.VERSION);
                ps.setString(2, hash);
                ps.executeUpdate();
            }
            db.commit();
            return new Result(path, fromVersion, n, notes);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** A stored event as its raw event, with its client and its place in the table. */
    record Row(long rowid, String clientId, RawEvent event) {
    }

    /** The next events of the input after record {@code after}, by RecordId, as their raw events. */
    private List<Row> page(String hash, long after) throws SQLException {
        return rows(store.connection(), "SourceHash = ? AND RecordId > ? ORDER BY RecordId LIMIT " + PAGE, hash, after);
    }

    /**
     * The stored events {@code where} (SQL after WHERE, with its ORDER BY and LIMIT; parameters
     * {@code params}) as their raw events: each event's own fields and identity, its time before any
     * clock fix, so that the normalizer makes the row a fresh ingest would.
     */
    static List<Row> rows(java.sql.Connection db, String where, Object... params) throws SQLException {
        List<Row> out = new ArrayList<>();
        String sql = "SELECT ClientId, SourcePath, SourceOffset, RecordId, DateTime, ClockShift, Provider, Channel, EventId, "
                + "MachineName, CAST(Fields AS VARCHAR), SourceHash, rowid FROM " + Schema.EVENTS + " WHERE " + where;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceRef src = new SourceRef(rs.getString(2), rs.getString(12), rs.getLong(3));
                    Instant time = IoaTable.instant(rs.getObject(5, LocalDateTime.class));
                    int shift = rs.getInt(6);
                    if (time != null && !rs.wasNull()) {
                        time = time.minusSeconds(shift * 60L); // the event's own time, before the clock fix
                    }
                    RawEvent e = new RawEvent(src, rs.getLong(4), time, rs.getString(7), rs.getString(8), rs.getInt(9),
                            rs.getString(10), StoredEventScan.fields(rs.getString(11), src));
                    out.add(new Row(rs.getLong(13), rs.getString(1), e));
                }
            }
        }
        return out;
    }
}
