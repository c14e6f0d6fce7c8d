package dev.th.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.event.RawEvent;
import dev.th.event.SourceRef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads stored events back as {@link RawEvent}s (the {@code Fields} JSON becomes the field
 * map again) for retro-hunting, streaming row by row so memory stays bounded.
 */
public final class StoredEventScan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection db;

    public StoredEventScan(Connection db) {
        this.db = db;
    }

    /** Receives each stored event with its client. */
    public interface Visitor {
        void visit(String clientId, RawEvent event);
    }

    /**
     * Visits the stored events in time order.
     *
     * @param from inclusive lower bound on DateTime, or null
     * @param to exclusive upper bound, or null
     * @param sourceHashes only the events of these inputs, or null for all
     * @return how many events were visited
     */
    public long scan(Instant from, Instant to, Collection<String> sourceHashes, Visitor visitor) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            where.append(" AND DateTime >= ?");
            args.add(IoaTable.utc(from));
        }
        if (to != null) {
            where.append(" AND DateTime < ?");
            args.add(IoaTable.utc(to));
        }
        if (sourceHashes != null) {
            where.append(" AND SourceHash IN (").append(sourceHashes.isEmpty() ? "NULL" : "?" + ", ?".repeat(sourceHashes.size() - 1)).append(")");
            args.addAll(sourceHashes);
        }
        long n = 0;
        // one sorted statement per slice of whole hours (at most SLICE rows unless one hour holds more): DuckDB
        // sorts a slice at a time, so its memory stays bounded whatever the store's size; the slices follow
        // each other in time, so the events come in the same order as one ORDER BY over all of them
        List<LocalDateTime[]> slices = slices(where.toString(), args);
        for (LocalDateTime[] slice : slices) {
            List<Object> a = new ArrayList<>(args);
            String bound;
            if (slice == null) {
                bound = " AND DateTime IS NULL";
            } else {
                bound = " AND DateTime >= ? AND DateTime < ?";
                a.add(slice[0]);
                a.add(slice[1]);
            }
            n += scanSlice(where + bound, a, visitor);
        }
        return n;
    }

    /** Rows per statement the scan aims at (whole hours are kept together): a sort of this many events fits DuckDB's 256 MB. */
    static final long SLICE = 40_000;

    /** The hour ranges to scan, in time order ([from, to) of DateTime), and null for the events without a time. */
    private List<LocalDateTime[]> slices(String where, List<Object> args) throws SQLException {
        List<LocalDateTime[]> out = new ArrayList<>();
        String sql = "SELECT date_trunc('hour', DateTime) AS h, count(*) FROM events" + where + " GROUP BY h ORDER BY h NULLS LAST";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                LocalDateTime start = null;
                LocalDateTime last = null;
                long rows = 0;
                while (rs.next()) {
                    LocalDateTime d = rs.getObject(1, LocalDateTime.class);
                    long c = rs.getLong(2);
                    if (d == null) {
                        if (start != null) {
                            out.add(new LocalDateTime[] {start, last.plusHours(1)});
                            start = null;
                        }
                        out.add(null);
                        continue;
                    }
                    if (start != null && rows + c > SLICE) {
                        out.add(new LocalDateTime[] {start, d});
                        start = null;
                    }
                    if (start == null) {
                        start = d;
                        rows = 0;
                    }
                    rows += c;
                    last = d;
                }
                if (start != null) {
                    out.add(new LocalDateTime[] {start, last.plusHours(1)});
                }
            }
        }
        return out;
    }

    private long scanSlice(String where, List<Object> args, Visitor visitor) throws SQLException {
        String sql = "SELECT ClientId, SourcePath, SourceHash, SourceOffset, RecordId, DateTime, "
                + "Provider, Channel, EventId, MachineName, CAST(Fields AS VARCHAR) FROM events" + where
                + " ORDER BY DateTime, SourceHash, RecordId";
        long n = 0;
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SourceRef src = new SourceRef(rs.getString(2), rs.getString(3), rs.getLong(4));
                    RawEvent e = new RawEvent(src, rs.getLong(5), IoaTable.instant(rs.getObject(6, LocalDateTime.class)),
                            rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), fields(rs.getString(11), src));
                    visitor.visit(rs.getString(1), e);
                    n++;
                }
            }
        }
        return n;
    }

    /** The field map of a stored Fields JSON object (values kept as text). */
    public static Map<String, String> fields(String json, SourceRef src) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isEmpty()) {
            return out;
        }
        try (JsonParser p = JSON.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("Fields of " + src.path() + " is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    out.put(name, JSON.readTree(p).toString());
                } else {
                    out.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Fields of a stored event of " + src.path() + " are not valid JSON: " + e.getMessage(), e);
        }
        return out;
    }
}
