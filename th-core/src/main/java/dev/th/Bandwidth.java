package dev.th;

import dev.th.ask.Conditions;
import dev.th.ask.SeedColumns;
import dev.th.ask.Session;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * The seed's {@code get_bandwidth} answer: per day, the MB (10^6 bytes, IP headers included) a
 * machine or a process sent (Outgoing) and received (Incoming), from the network flows assigned to
 * it, a flow's bytes spread over the days it lasted (days by the network sensor's clock). With it,
 * {@link #note()}: how much of the machine's flow traffic in the period was assigned to its
 * processes (sensors see only part of the traffic) and the machine's clock offset to the sensor.
 */
public final class Bandwidth {
    static final String DAYS = "flow_days";
    static final String OFFSETS = "flow_offsets";
    private static final double MB = 1_000_000.0;

    private final DataFrame frame;
    private final String note;
    private final Double assignedShare;

    private Bandwidth(DataFrame frame, String note, Double assignedShare) {
        this.frame = frame;
        this.note = note;
        this.assignedShare = assignedShare;
    }

    /** Date, Outgoing, Incoming (MB), one row per day with traffic, in date order. */
    public DataFrame frame() {
        return frame;
    }

    /** What the answer rests on, in words: the share assigned to processes, the clock offset, or why it is empty. */
    public String note() {
        return note;
    }

    /** The share (0..1) of the machine's flow bytes in the period that were assigned to its processes; null without flows. */
    public Double assignedShare() {
        return assignedShare;
    }

    /**
     * @param muid the machine
     * @param machineName its name, for the note
     * @param only the flows to count (a process, files), or null for all of the machine's
     */
    static Bandwidth of(Session session, String muid, String machineName, Cond only, TimePeriod period) {
        if (!session.engine.hasTable(DAYS)) {
            return new Bandwidth(empty(), "no network flows in the store: bandwidth comes from Zeek conn.log or ECS flows "
                    + "(th ingest them with the host logs)", null);
        }
        List<Cond> c = new ArrayList<>(List.of(Cond.eq("Muid", muid)));
        Cond pc = Conditions.periodCondition(period, session);
        if (pc != null) {
            c.add(pc);
        }
        Expr date = Expr.col("Date");
        List<Cond> selected = new ArrayList<>(c);
        if (only != null) {
            selected.add(only);
        }
        Table t = session.run(Query.from(DAYS).where(Cond.and(selected))
                .select(date, "Date")
                .select(Expr.call(Expr.Fn.SUM, Expr.col("Outgoing")), "Outgoing")
                .select(Expr.call(Expr.Fn.SUM, Expr.col("Incoming")), "Incoming")
                .groupBy(date).orderBy(date, false));
        List<LocalDate> dates = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        List<Double> in = new ArrayList<>();
        for (Object[] r : t.rows()) {
            dates.add((LocalDate) r[0]);
            out.add(number(r[1]) / MB);
            in.add(number(r[2]) / MB);
        }
        DataFrame df = DataFrame.byColumn(SeedColumns.BANDWIDTH.toArray(new String[0]))
                .of(Series.ofIterable(dates), Series.ofIterable(out), Series.ofIterable(in));
        if (dates.isEmpty()) {
            df = empty();
        }
        Table share = session.run(Query.from(DAYS).where(Cond.and(c))
                .select(Expr.call(Expr.Fn.SUM, Expr.col("Bytes")), "All")
                .select(Expr.call(Expr.Fn.SUM, Expr.col("AssignedBytes")), "Assigned"));
        double all = number(share.rows().get(0)[0]);
        double assigned = number(share.rows().get(0)[1]);
        StringBuilder note = new StringBuilder();
        Double ratio = null;
        if (all == 0) {
            String where = Conditions.explainEmpty(session, DAYS, Cond.eq("Muid", muid), period);
            note.append("no network flows of ").append(machineName).append(where == null ? " in the store" : ": " + where);
        } else {
            ratio = assigned / all;
            note.append(String.format(Locale.ROOT, "%s: %.3f MB of network flows in the period, %.1f%% of them assigned "
                    + "to its processes; days by the network sensor's clock", machineName, all / MB, 100 * ratio));
            if (dates.isEmpty()) {
                note.append("; none of them matches the filter");
            }
        }
        offset(session, muid).ifPresent(o -> note.append("; ").append(o));
        return new Bandwidth(df, note.toString(), ratio);
    }

    private static java.util.Optional<String> offset(Session session, String muid) {
        if (!session.engine.hasTable(OFFSETS)) {
            return java.util.Optional.empty();
        }
        Table t = session.run(Query.from(OFFSETS).where(Cond.eq("Muid", muid))
                .select(Expr.col("OffsetSeconds"), "OffsetSeconds").select(Expr.col("Pairs"), "Pairs")
                .select(Expr.col("SpreadSeconds"), "SpreadSeconds").select(Expr.col("ClientId"), "ClientId")
                .select(Expr.col("MachineName"), "MachineName"));
        if (t.rows().isEmpty()) {
            return java.util.Optional.of("no flow matched to its network events: clock offset to the sensor unknown");
        }
        Object[] r = t.rows().get(0);
        return java.util.Optional.of("clock offset " + new dev.th.flow.ClockOffset((String) r[3], muid, (String) r[4],
                number(r[0]), (long) number(r[1]), number(r[2])).describe());
    }

    /** The flows of the processes running these files (by name or path; flows carry no hash). */
    static Cond files(File... files) {
        if (files == null || files.length == 0) {
            return null;
        }
        List<Cond> any = new ArrayList<>();
        for (File f : files) {
            if (f.path() != null) {
                any.add(Cond.inIgnoreCase("ProcessPath", List.of(f.path())));
            } else if (f.name() != null) {
                any.add(Cond.inIgnoreCase("ProcessFilename", List.of(f.name())));
            } else {
                throw new IllegalArgumentException("bandwidth filters files by name or path: network events carry no "
                        + "hash of the process's binary (got MD5 " + f.md5() + ")");
            }
        }
        return Cond.or(any);
    }

    private static double number(Object o) {
        return o == null ? 0 : ((Number) o).doubleValue();
    }

    private static DataFrame empty() {
        return DataFrame.empty(SeedColumns.BANDWIDTH.toArray(new String[0]));
    }
}
