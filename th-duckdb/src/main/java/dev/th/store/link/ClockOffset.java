package dev.th.store.link;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * An export whose TimeCreated is a local time written as UTC: Sysmon writes its own UtcTime in
 * every event, so {@code UtcTime - TimeCreated}, rounded to 15 minutes (time zones are whole
 * quarter hours), is the clock's error. Sysmon events whose two times agree within 2 minutes of a
 * quarter hour count, and an offset counts when at least 5% of them have it (a few events that
 * carry another clock, such as the 3 and 22 of a Sysmon whose network clock differs, are named in
 * the note and otherwise ignored); when the offset is 0 there is nothing to do. Otherwise the input's
 * time is cut into spans of one offset each (a daylight-saving change gives two), and every event
 * of a span (Sysmon or not) is shifted by its span's offset: DateTime and Date change, the minutes
 * are kept in ClockShift and TimeCreated stays in Fields. Offsets that interleave in time are no
 * clock error: the input is left as it is, and the note says so. What an input teaches is kept in
 * the {@code clocks} table (machine, minutes, the hours it covers by TimeCreated, widened by an
 * hour), and the same machine's inputs that cannot tell their own clock (no Sysmon events, not
 * EVTX: an export split by channel) are shifted alike over those hours, whichever is stored first.
 */
final class ClockOffset {
    private static final String SPANS = "WITH t AS (SELECT DateTime, "
            + "epoch(try_cast(json_extract_string(Fields, '$.UtcTime') AS TIMESTAMP)) - epoch(DateTime) AS d "
            + "FROM events WHERE SourceHash = ? AND Channel ILIKE '%sysmon%'), "
            + "q AS (SELECT DateTime, CAST(round(d / 900) AS INTEGER) * 15 AS o FROM t "
            + "WHERE d IS NOT NULL AND abs(d - round(d / 900) * 900) <= 120) "
            + "SELECT o, count(*), min(DateTime), max(DateTime) FROM q GROUP BY o ORDER BY min(DateTime)";
    private static final String SHIFT = "UPDATE events SET DateTime = DateTime + to_minutes(CAST(? AS BIGINT)), "
            + "Date = CAST(DateTime + to_minutes(CAST(? AS BIGINT)) AS DATE), ClockShift = ? "
            + "WHERE SourceHash = ? AND DateTime >= ? AND DateTime < ?";

    private ClockOffset() {
    }

    private record Span(int minutes, long events, LocalDateTime first, LocalDateTime last) {
    }

    /** Shifts the input when its clock is off; the note for its report, or null when it is right. */
    static String correct(Connection db, String contentHash) throws SQLException {
        List<Span> spans = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(SPANS)) {
            ps.setString(1, contentHash);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    spans.add(new Span(rs.getInt(1), rs.getLong(2), rs.getObject(3, LocalDateTime.class),
                            rs.getObject(4, LocalDateTime.class)));
                }
            }
        }
        long total = 0;
        for (Span s : spans) {
            total += s.events;
        }
        List<Span> ignored = new ArrayList<>();
        for (java.util.Iterator<Span> it = spans.iterator(); it.hasNext();) {
            Span s = it.next();
            if (s.events * 20 < total) {
                ignored.add(s);
                it.remove();
            }
        }
        if (spans.isEmpty() || spans.size() == 1 && spans.get(0).minutes == 0) {
            return null;
        }
        String others = ignored.isEmpty() ? "" : "; ignored as too few to be the clock: " + describe(ignored);
        for (int i = 1; i < spans.size(); i++) {
            if (spans.get(i).first.isBefore(spans.get(i - 1).last)) {
                return "clock: TimeCreated and Sysmon's UtcTime disagree by offsets that interleave in time ("
                        + describe(spans) + others + "): no clock error, events kept at TimeCreated";
            }
        }
        try (PreparedStatement ps = db.prepareStatement(SHIFT)) {
            for (int i = 0; i < spans.size(); i++) {
                Span s = spans.get(i);
                if (s.minutes == 0) {
                    continue;
                }
                // a span reaches from halfway after the previous span to halfway before the next
                LocalDateTime from = i == 0 ? LocalDateTime.of(1, 1, 1, 0, 0) : midpoint(spans.get(i - 1).last, s.first);
                LocalDateTime to = i == spans.size() - 1 ? LocalDateTime.of(9999, 1, 1, 0, 0) : midpoint(s.last, spans.get(i + 1).first);
                ps.setInt(1, s.minutes);
                ps.setInt(2, s.minutes);
                ps.setInt(3, s.minutes);
                ps.setString(4, contentHash);
                ps.setObject(5, from);
                ps.setObject(6, to);
                ps.executeUpdate();
                remember(db, contentHash, s.minutes, max(from, s.first.minusHours(1)), min(to, s.last.plusHours(1)));
            }
        }
        long lent = lend(db, contentHash);
        return "clock: TimeCreated is off from Sysmon's UtcTime by a multiple of 15 minutes (" + describe(spans)
                + others + "); every event shifted by it (TimeCreated kept in Fields, the shift in ClockShift)"
                + (lent > 0 ? "; also " + lent + " events of this machine's inputs without Sysmon events over the same hours" : "");
    }

    private static final String CLOCKS = "CREATE TABLE IF NOT EXISTS clocks (Muid VARCHAR, SourceHash VARCHAR, Minutes INTEGER, "
            + "FromTime TIMESTAMP, ToTime TIMESTAMP)";
    private static final String SHIFT_BY_CLOCKS = "UPDATE events SET DateTime = DateTime + to_minutes(CAST(c.Minutes AS BIGINT)), "
            + "Date = CAST(DateTime + to_minutes(CAST(c.Minutes AS BIGINT)) AS DATE), ClockShift = c.Minutes FROM clocks c "
            + "WHERE events.Muid = c.Muid AND events.SourceHash <> c.SourceHash AND events.ClockShift IS NULL "
            + "AND events.DateTime >= c.FromTime AND events.DateTime < c.ToTime AND ";

    /** Keeps what was learnt of an input's clock, per machine of its Sysmon events, for its inputs without Sysmon. */
    private static void remember(Connection db, String hash, int minutes, LocalDateTime from, LocalDateTime to) throws SQLException {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute(CLOCKS);
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO clocks SELECT DISTINCT Muid, SourceHash, ?, ?, ? FROM events "
                + "WHERE SourceHash = ? AND Channel ILIKE '%sysmon%'")) {
            ps.setInt(1, minutes);
            ps.setObject(2, from);
            ps.setObject(3, to);
            ps.setString(4, hash);
            ps.executeUpdate();
        }
    }

    /** Forgets what an input taught (before it is made again). */
    static void forget(Connection db, String hash) throws SQLException {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute(CLOCKS);
        }
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM clocks WHERE SourceHash = ?")) {
            ps.setString(1, hash);
            ps.executeUpdate();
        }
    }

    /**
     * Shifts, by what input {@code hash} taught, the events of the same machine's earlier inputs that
     * cannot tell their own clock (no Sysmon events, not EVTX) and lie within an hour of its spans
     * (by TimeCreated): an export split by channel keeps one clock. Returns how many moved.
     */
    private static long lend(Connection db, String hash) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(SHIFT_BY_CLOCKS + "c.SourceHash = ? "
                + "AND events.SourceHash IN (SELECT ContentHash FROM inputs WHERE NOT ends_with(lower(Path), '.evtx')) "
                + "AND events.SourceHash NOT IN (SELECT DISTINCT SourceHash FROM events WHERE Channel ILIKE '%sysmon%')")) {
            ps.setString(1, hash);
            return ps.executeUpdate();
        }
    }

    /**
     * An input without Sysmon events (not EVTX) takes the clock another input of the same machine
     * taught for the hours it covers; the note for its report, or null when none applies.
     */
    static String borrow(Connection db, String hash) throws SQLException {
        try (java.sql.Statement st = db.createStatement()) {
            st.execute(CLOCKS);
        }
        long n;
        try (PreparedStatement ps = db.prepareStatement(SHIFT_BY_CLOCKS + "events.SourceHash = ?")) {
            ps.setString(1, hash);
            n = ps.executeUpdate();
        }
        if (n == 0) {
            return null;
        }
        return "clock: no Sysmon events to check TimeCreated by; " + n + " events shifted by the clock offset that "
                + "another input of the same machine showed for the same hours (the shift in ClockShift)";
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDateTime midpoint(LocalDateTime a, LocalDateTime b) {
        long micros = java.time.Duration.between(a, b).toNanos() / 2000;
        return a.plusNanos(micros * 1000);
    }

    private static String describe(List<Span> spans) {
        StringBuilder out = new StringBuilder();
        for (Span s : spans) {
            if (out.length() > 0) {
                out.append(", then ");
            }
            out.append(offset(s.minutes)).append(" for ").append(s.events).append(" Sysmon events from ")
                    .append(s.first).append(" to ").append(s.last);
        }
        return out.toString();
    }

    /** {@code +04:00}: what to add to TimeCreated to get UTC. */
    static String offset(int minutes) {
        int m = Math.abs(minutes);
        return (minutes < 0 ? "-" : "+") + String.format("%02d:%02d", m / 60, m % 60);
    }
}
