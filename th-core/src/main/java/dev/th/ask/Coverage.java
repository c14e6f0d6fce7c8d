package dev.th.ask;

import dev.th.TimePeriod;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * What a machine's logs cover, so that no data is never read as no activity ({@code
 * Machine.coverage()}, beyond the seed): per channel the time span of its events, the event
 * record ids seen (EventRecordID: the first, the last, how many are missing between them and
 * where), and the events that say logging was stopped or tampered with (Security 1102, 1100 and
 * 4719, System 104, Sysmon 16 and 255, Defender 5001 and 5007). Exports without record ids (JSON
 * lines without EventRecordID) have no gaps to count: their record columns are empty. Only the
 * live records count: records carved from a chunk's slack ({@code Recovered}) are older records,
 * outside the span and the record sequence the log holds now.
 * The gaps are also IoAs of TH's pack ({@code th-record-id-gap}, raised at ingest and by a hunt of
 * the store).
 */
public final class Coverage {
    /** The columns of {@link #of}. */
    static final List<String> COLUMNS = List.of("Channel", "First", "Last", "Events", "FirstRecord", "LastRecord",
            "MissingRecords", "Gaps", "Tampering");

    /** The channel and event ids that say logging stopped or was tampered with, with what they say. */
    static final Map<String, String> TAMPERING = new LinkedHashMap<>();

    static {
        TAMPERING.put("Security|1102", "audit log cleared");
        TAMPERING.put("Security|1100", "event logging service shut down");
        TAMPERING.put("Security|4719", "audit policy changed");
        TAMPERING.put("System|104", "event log cleared");
        TAMPERING.put("Microsoft-Windows-Sysmon/Operational|16", "Sysmon configuration changed");
        TAMPERING.put("Microsoft-Windows-Sysmon/Operational|255", "Sysmon error");
        TAMPERING.put("Microsoft-Windows-Windows Defender/Operational|5001", "real-time protection disabled");
        TAMPERING.put("Microsoft-Windows-Windows Defender/Operational|5007", "configuration changed");
    }

    /** Records of the live region of a log (records carved from slack space are not in its sequence). */
    private static final Cond LIVE = Cond.or(List.of(Cond.isNull("Recovered"), Cond.eq("Recovered", false)));

    /** Gap ranges listed per channel (the count says how many records are missing in all). */
    private static final int LIST_GAPS = 5;
    /** Record ids read to list gap ranges at most (beyond: only the count of missing records). */
    private static final int READ_IDS = 2_000_000;

    private Coverage() {
    }

    private static Expr recordId() {
        return Expr.call(Expr.Fn.JSON_NUMBER, Expr.col("Fields"), Expr.param("EventRecordID"));
    }

    /** The machine's coverage, one row per channel, by channel name. */
    public static DataFrame of(Session session, String muid) {
        Cond machine = Cond.eq("Muid", muid);
        Table t = session.run(Query.from(Session.EVENTS).where(Cond.and(List.of(machine, LIVE)))
                .select(Expr.col("Channel"), "Channel")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "Last")
                .select(Expr.count(), "Events")
                .groupBy(Expr.col("Channel"))
                .orderBy(Expr.col("Channel"), false));
        // the channel's sequence: its live records only (not those carved from slack space)
        Table ids = session.run(Query.from(Session.EVENTS).where(Cond.and(List.of(machine, LIVE)))
                .select(Expr.col("Channel"), "Channel")
                .select(Expr.call(Expr.Fn.MIN, recordId()), "FirstRecord")
                .select(Expr.call(Expr.Fn.MAX, recordId()), "LastRecord")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, recordId()), "Records")
                .groupBy(Expr.col("Channel")));
        Map<String, Object[]> sequence = new LinkedHashMap<>();
        ids.rows().forEach(r -> sequence.put((String) r[0], r));
        Map<String, List<String>> tampering = tampering(session, machine);
        List<Object[]> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            String channel = (String) r[0];
            Object[] q = sequence.getOrDefault(channel, new Object[] {channel, null, null, 0L});
            Long first = q[1] == null ? null : ((Number) q[1]).longValue();
            Long last = q[2] == null ? null : ((Number) q[2]).longValue();
            long seen = ((Number) q[3]).longValue();
            Long missing = first == null ? null : last - first + 1 - seen;
            String gaps = missing == null || missing == 0 ? "" : gaps(session, machine, channel, seen, missing);
            rows.add(new Object[] {channel, r[1], r[2], ((Number) r[3]).longValue(), first, last, missing, gaps,
                String.join("; ", tampering.getOrDefault(channel, List.of()))});
        }
        return Frames.of(new Table(COLUMNS, rows), COLUMNS);
    }

    /** The missing record ranges of one channel ({@code a-b}), the first few. */
    private static String gaps(Session session, Cond machine, String channel, long seen, long missing) {
        if (seen > READ_IDS) {
            return missing + " records missing (too many records to list where)";
        }
        Table ids = session.run(Query.from(Session.EVENTS)
                .where(Cond.and(List.of(machine, LIVE, Cond.eq("Channel", channel))))
                .select(recordId(), "R"));
        long[] sorted = ids.rows().stream().filter(r -> r[0] != null).mapToLong(r -> ((Number) r[0]).longValue())
                .sorted().toArray();
        List<String> ranges = new ArrayList<>();
        Long prev = null;
        int count = 0;
        for (long id : sorted) {
            if (prev != null && id > prev + 1) {
                count++;
                if (ranges.size() < LIST_GAPS) {
                    ranges.add(id == prev + 2 ? String.valueOf(prev + 1) : (prev + 1) + "-" + (id - 1));
                }
            }
            prev = id;
        }
        return String.join(", ", ranges) + (count > ranges.size() ? ", ... (" + count + " gaps)" : "");
    }

    /** The tampering events of the machine, per channel, in time order. */
    private static Map<String, List<String>> tampering(Session session, Cond machine) {
        List<Cond> any = new ArrayList<>();
        for (String k : TAMPERING.keySet()) {
            String[] ce = k.split("\\|");
            any.add(Cond.and(List.of(Cond.eq("Channel", ce[0]), Cond.eq("EventId", Integer.parseInt(ce[1])))));
        }
        Table t = session.run(Query.from(Session.EVENTS).where(Cond.and(List.of(machine, Cond.or(any))))
                .select(Expr.col("Channel"), "Channel").select(Expr.col("EventId"), "EventId")
                .select(Expr.col("DateTime"), "DateTime")
                .orderBy(Expr.col("DateTime"), false));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object[] r : t.rows()) {
            String channel = (String) r[0];
            int id = ((Number) r[1]).intValue();
            out.computeIfAbsent(channel, k -> new ArrayList<>())
                    .add(id + " " + TAMPERING.get(channel + "|" + id) + " at " + r[2]);
        }
        return out;
    }

    /**
     * A note for an answer over machine {@code muid} whose {@code period} reaches days before the
     * machine's first event or after its last (no data there is not no activity), or null.
     */
    public static String outside(Session session, String muid, TimePeriod period) {
        if (muid == null || period.isAll()) {
            return null;
        }
        TimePeriod.Range r = period.resolve(session.clock);
        Table t = session.run(Query.from(Session.EVENTS).where(Cond.eq("Muid", muid))
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "Last")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "Name"));
        Instant first = (Instant) t.rows().get(0)[0];
        Instant last = (Instant) t.rows().get(0)[1];
        Object name = t.rows().get(0)[2];
        if (first == null) {
            return null;
        }
        boolean before = r.from() != null && day(r.from()).isBefore(day(first));
        boolean after = r.to() != null && day(r.to().minusNanos(1)).isAfter(day(last));
        if (!before && !after) {
            return null;
        }
        return "period " + period + " reaches " + (before && after ? "before and after" : before ? "before" : "after")
                + " what the logs of machine " + name + " cover (" + first + " .. " + last
                + "): no data there is not no activity (see its coverage)";
    }

    /** The Muid a question's scope is limited to (a machine, or a process of one), or null. */
    public static String muidOf(Cond scope) {
        if (scope instanceof Cond.Cmp c && c.op() == Cond.Op.EQ && c.left() instanceof Expr.Col col
                && col.name().equals("Muid") && c.right() instanceof Expr.Param p) {
            return String.valueOf(p.value());
        }
        if (scope instanceof Cond.And a) {
            for (Cond part : a.parts()) {
                String m = muidOf(part);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }
}
