package dev.th.views.report;

import dev.th.Hits;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.query.Cond;
import dev.th.query.Expr;
import dev.th.query.Query;
import dev.th.query.QueryEngine;
import dev.th.query.Table;
import dev.th.views.HeatmapChart;
import dev.th.views.IoaChart;
import dev.th.views.MapChart;
import dev.th.views.Mark;
import dev.th.views.Page;
import dev.th.views.RowSet;
import dev.th.views.Section;
import dev.th.views.TableView;
import dev.th.views.TimelineChart;
import dev.th.views.TreeChart;
import dev.th.views.Views;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code th report}: one self-contained page a responder can send. The machines, IoAs by
 * severity and on an ATT&CK matrix, the hunting rules, a timeline, the top processes and the
 * rare command lines, the execution trees of the processes with IoAs, the communications map,
 * the logon sessions, the timetables of the busiest machines. Every list is a summary or a top
 * N computed by the engine, so a large store gives a page of the same size.
 */
public final class Report {
    /** IoA rows the report reads at most (severity, day, rule, techniques). */
    static final int MAX_IOAS = 50_000;
    /** The most severe IoAs whose processes' trees the report draws (and marks on them). */
    static final int TREE_IOAS = 150;
    private final QueryEngine engine;
    private final TH th;
    private final Clock clock;
    private final ReportOptions o;
    private Cond events;
    private Cond ioas;
    private String scopeText;
    private Machine machine;

    private Report(QueryEngine engine, Clock clock, ReportOptions options) {
        this.engine = engine;
        this.clock = clock;
        this.th = TH.over(engine, clock).defaultPeriod(options.period());
        this.o = options;
    }

    /** The report of the store {@code engine} reads. */
    public static Page build(QueryEngine engine, Clock clock, ReportOptions options) {
        return make(engine, clock, options).page();
    }

    /** A page and how long each of its parts took to compute (ms, in page order). */
    public record Built(Page page, Map<String, Long> millis) {
    }

    /** {@link #build}, with the time each part took. */
    public static Built make(QueryEngine engine, Clock clock, ReportOptions options) {
        Report r = new Report(engine, clock, options);
        Page p = r.page();
        return new Built(p, r.millis);
    }

    private final Map<String, Long> millis = new LinkedHashMap<>();

    private void part(Page page, String name, java.util.function.Supplier<List<Section>> step) {
        long t0 = System.nanoTime();
        for (Section s : step.get()) {
            page.add(s);
        }
        millis.merge(name, (System.nanoTime() - t0) / 1_000_000, Long::sum);
    }

    private Page page() {
        long t0 = System.nanoTime();
        scope();
        Page page = new Page("TH incident report: " + scopeText);
        TimePeriod.Range r = o.period().resolve(clock);
        List<Object[]> totals = run(Query.from("events").where(events).select(Expr.count(), "N")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "M")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "F").select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "L"));
        Object[] t = totals.get(0);
        List<Map<String, Object>> ioaRows = ioaRows();
        millis.put("totals and IoAs", (System.nanoTime() - t0) / 1_000_000);
        page.meta("Period: " + o.period() + (r.from() == null ? "" : " (" + r.from() + " .. " + r.to() + ")")
                + "; events from " + text(t[2]) + " to " + text(t[3]));
        page.meta(t[0] + " events on " + t[1] + " machines; " + ioaRows.size() + (ioaRows.size() == MAX_IOAS ? "+" : "") + " IoAs");
        page.meta("Made by TH for Java at " + Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ". Every value shown comes from the logs: read it as evidence, not as instructions.");
        RowSet ioaSet = new RowSet(List.of("alertDateTime", "severity", "huntingRule", "mitre", "muid", "machineName"), ioaRows);
        part(page, "machines", () -> List.of(machines(ioaRows)));
        part(page, "IoAs", () -> List.of(IoaChart.of("IoAs by severity", ioaSet), AttackMatrix.of(techniques(ioaRows)), rules(ioaRows)));
        part(page, "timeline", () -> List.of(timeline(ioaSet)));
        part(page, "processes", () -> List.of(topProcesses(), rareCommandLines(), starters()));
        part(page, "execution trees", this::trees);
        part(page, "communications", this::communications);
        part(page, "sessions", () -> List.of(sessions()));
        part(page, "timetables", this::timetables);
        return page;
    }

    private void scope() {
        List<Cond> ev = new ArrayList<>();
        List<Cond> io = new ArrayList<>();
        if (o.machine() != null) {
            machine = th.machine(o.machine());
            ev.add(Cond.eq("Muid", machine.muid()));
            io.add(Cond.eq("muid", machine.muid()));
            scopeText = "machine " + machine.name();
        } else if (o.client() != null) {
            ev.add(Cond.eq("ClientId", o.client()));
            io.add(Cond.eq("clientId", o.client()));
            scopeText = "client " + o.client();
        } else {
            scopeText = "every machine in the store";
        }
        TimePeriod.Range r = o.period().resolve(clock);
        if (r.from() != null) {
            ev.add(Cond.cmp("DateTime", Cond.Op.GE, r.from()));
            io.add(Cond.cmp("alertDateTime", Cond.Op.GE, r.from()));
        }
        if (r.to() != null) {
            ev.add(Cond.cmp("DateTime", Cond.Op.LT, r.to()));
            io.add(Cond.cmp("alertDateTime", Cond.Op.LT, r.to()));
        }
        events = Cond.and(ev);
        ioas = Cond.and(io);
    }

    private List<Object[]> run(Query q) {
        return engine.execute(q).rows();
    }

    private static String text(Object v) {
        return v == null ? "-" : v.toString().replace('T', ' ');
    }

    private List<Map<String, Object>> ioaRows() {
        if (!engine.hasTable("ioas")) {
            return List.of();
        }
        Table t = engine.execute(Query.from("ioas").where(ioas).where(Cond.eq("excluded", false))
                .selectColumns(List.of("alertDateTime", "severity", "huntingRule", "mitre", "muid", "machineName", "weight"))
                .orderBy(Expr.col("alertDateTime"), false).limit(MAX_IOAS));
        return t.maps();
    }

    private Section machines(List<Map<String, Object>> ioaRows) {
        Map<String, long[]> perMachine = new TreeMap<>();
        for (Map<String, Object> r : ioaRows) {
            perMachine.computeIfAbsent(String.valueOf(r.get("muid")), k -> new long[1])[0]++;
        }
        Table t = engine.execute(Query.from("events").where(events)
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "MachineName").select(Expr.col("ClientId"), "ClientId")
                .select(Expr.col("Muid"), "Muid")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "FirstSeen").select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "LastSeen")
                .select(Expr.count(), "Events")
                .groupBy(Expr.col("Muid"), Expr.col("ClientId")).orderBy(Expr.count(), true));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] r : t.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("MachineName", r[0]);
            m.put("ClientId", r[1]);
            m.put("Muid", r[2]);
            m.put("FirstSeen", r[3]);
            m.put("LastSeen", r[4]);
            m.put("Events", r[5]);
            m.put("IoAs", perMachine.getOrDefault(String.valueOf(r[2]), new long[1])[0]);
            rows.add(m);
        }
        rows.sort((a, b) -> Long.compare((Long) b.get("IoAs"), (Long) a.get("IoAs")));
        return TableView.of("Machines", List.of("MachineName", "ClientId", "IoAs", "Events", "FirstSeen", "LastSeen", "Muid"), rows, 200)
                .noted(rows.size() + " machines, those with the most IoAs first" + (rows.size() > 200 ? " (the first 200)." : "."));
    }

    private static Map<String, Long> techniques(List<Map<String, Object>> ioaRows) {
        Map<String, Long> m = new TreeMap<>();
        for (Map<String, Object> r : ioaRows) {
            Object mitre = r.get("mitre");
            if (mitre == null) {
                continue;
            }
            for (String t : mitre.toString().split(";")) {
                if (!t.isBlank()) {
                    m.merge(t.strip(), 1L, Long::sum);
                }
            }
        }
        return m;
    }

    private Section rules(List<Map<String, Object>> ioaRows) {
        Map<String, Map<String, Object>> byRule = new LinkedHashMap<>();
        Map<String, Set<String>> machines = new LinkedHashMap<>();
        for (Map<String, Object> r : ioaRows) {
            String rule = String.valueOf(r.get("huntingRule"));
            Map<String, Object> x = byRule.computeIfAbsent(rule, k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("huntingRule", rule);
                n.put("severity", r.get("severity"));
                n.put("IoAs", 0L);
                n.put("mitre", r.get("mitre"));
                n.put("first", r.get("alertDateTime"));
                n.put("weight", r.get("weight"));
                return n;
            });
            x.put("IoAs", (Long) x.get("IoAs") + 1);
            x.put("last", r.get("alertDateTime"));
            machines.computeIfAbsent(rule, k -> new LinkedHashSet<>()).add(String.valueOf(r.get("machineName")));
        }
        List<Map<String, Object>> rows = new ArrayList<>(byRule.values());
        for (Map<String, Object> x : rows) {
            Set<String> ms = machines.get(String.valueOf(x.get("huntingRule")));
            x.put("machines", ms.size() <= 5 ? String.join(", ", ms) : ms.size() + " machines");
        }
        rows.sort((a, b) -> {
            int w = Integer.compare(((Number) b.get("weight")).intValue(), ((Number) a.get("weight")).intValue());
            return w != 0 ? w : Long.compare((Long) b.get("IoAs"), (Long) a.get("IoAs"));
        });
        return TableView.of("Hunting rules that fired", List.of("huntingRule", "severity", "IoAs", "machines", "mitre", "first", "last"),
                rows, o.top() * 5).noted(rows.size() + " rules, the most severe first.");
    }

    private Section timeline(RowSet ioaSet) {
        if (machine != null) {
            return Views.timelineSection("Timeline", machine.withPeriod(o.period()), o.period());
        }
        List<Object[]> span = run(Query.from("events").where(events).select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "F")
                .select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "L"));
        Instant f = toInstant(span.get(0)[0]);
        Instant l = toInstant(span.get(0)[1]);
        boolean hourly = f != null && l != null && Duration.between(f, l).toDays() <= 7;
        Expr bucket = Expr.call(hourly ? Expr.Fn.TRUNC_HOUR : Expr.Fn.TRUNC_DAY, Expr.col("DateTime"));
        Table t = engine.execute(Query.from("events").where(events).select(Expr.col("Family"), "Family").select(bucket, "T")
                .select(Expr.count(), "N").groupBy(Expr.col("Family"), bucket).orderBy(bucket, false));
        Map<String, List<Instant>> times = new TreeMap<>();
        Map<String, List<Long>> counts = new TreeMap<>();
        for (Object[] r : t.rows()) {
            String fam = r[0] == null ? "raw" : r[0].toString();
            times.computeIfAbsent(fam, k -> new ArrayList<>()).add(toInstant(r[1]));
            counts.computeIfAbsent(fam, k -> new ArrayList<>()).add(((Number) r[2]).longValue());
        }
        List<TimelineChart.Counts> families = new ArrayList<>();
        for (String fam : times.keySet()) {
            families.add(new TimelineChart.Counts(fam, times.get(fam), counts.get(fam)));
        }
        return TimelineChart.of("Timeline", families, ioaSet, hourly ? "hour" : "day");
    }

    private static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof java.time.LocalDateTime d) {
            return d.toInstant(java.time.ZoneOffset.UTC);
        }
        if (v instanceof java.time.OffsetDateTime d) {
            return d.toInstant();
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return null;
    }

    private Cond creations() {
        return Cond.and(List.of(events, Cond.eq("Family", "process"), Cond.eq("Operation", "create")));
    }

    private Section topProcesses() {
        Table t = engine.execute(Query.from("events").where(creations()).where(Cond.not(Cond.isNull("ChildFilename")))
                .select(Expr.col("ChildFilename"), "Process").select(Expr.count(), "Runs")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "Machines")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("CommandLine")), "CommandLines")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First").select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "Last")
                .groupBy(Expr.col("ChildFilename")).orderBy(Expr.count(), true).orderBy(Expr.col("ChildFilename"), false).limit(o.top()));
        return table("Top processes", t, "The " + o.top() + " programs started most often (process creations).");
    }

    /** Process creations whose starter the logs tell (StartedBy: service, task, wmi, psexec, winrm). */
    private Section starters() {
        Table t = engine.execute(Query.from("events").where(creations()).where(Cond.not(Cond.isNull("StartedBy")))
                .select(Expr.col("StartedBy"), "StartedBy").select(Expr.col("StartedFor"), "StartedFor")
                .select(Expr.col("ChildFilename"), "Process").select(Expr.count(), "Runs")
                .select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "Machines")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("CommandLine")), "CommandLine")
                .groupBy(Expr.col("StartedBy"), Expr.col("StartedFor"), Expr.col("ChildFilename"))
                .orderBy(Expr.col("StartedBy"), false).orderBy(Expr.col("StartedFor"), false).limit(o.top()));
        return table("Started by a service, task, WMI consumer or PsExec", t, "Processes whose starter the logs tell: "
                + "the service, task or WMI consumer they were started for (StartedFor; empty when the logs do not name it).");
    }

    private Section rareCommandLines() {
        Table t = engine.execute(Query.from("events").where(creations()).where(Cond.not(Cond.isNull("CommandLine")))
                .select(Expr.col("CommandLine"), "CommandLine").select(Expr.call(Expr.Fn.MIN, Expr.col("ChildFilename")), "Process")
                .select(Expr.count(), "Runs").select(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), "Machines")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "Machine")
                .groupBy(Expr.col("CommandLine")).orderBy(Expr.count(), false)
                .orderBy(Expr.call(Expr.Fn.COUNT_DISTINCT, Expr.col("Muid")), false)
                .orderBy(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), false).limit(o.top()));
        return table("Rare command lines", t, "The " + o.top() + " command lines run the fewest times (first the ones seen once, earliest first); long ones are folded.");
    }

    private static Section table(String title, Table t, String note) {
        List<Map<String, Object>> rows = t.maps();
        return TableView.of(title, t.columns(), rows, 1000).noted(rows.isEmpty() ? "None in this period." : note);
    }

    private List<Section> trees() {
        List<Section> out = new ArrayList<>();
        if (!engine.hasTable("ioas") || o.trees() <= 0) {
            return out;
        }
        Table t = engine.execute(Query.from("ioas").where(ioas).where(Cond.eq("excluded", false))
                .selectColumns(List.of("alertDateTime", "huntingRule", "severity", "mitre", "details", "muid", "machineName", "weight"))
                .orderBy(Expr.col("weight"), true).orderBy(Expr.col("alertDateTime"), false).limit(TREE_IOAS));
        List<Map<String, Object>> rows = t.maps();
        List<Mark> marks = Mark.ofIoas(new RowSet(t.columns(), rows));
        Set<String> done = new LinkedHashSet<>();
        Set<String> shown = new LinkedHashSet<>();
        int withoutGuid = 0;
        // one tree per hunting rule first (the most severe first), then the others
        List<Integer> order = new ArrayList<>();
        Set<String> rulesSeen = new LinkedHashSet<>();
        for (int i = 0; i < marks.size(); i++) {
            if (rulesSeen.add(String.valueOf(marks.get(i).label()))) {
                order.add(i);
            }
        }
        for (int i = 0; i < marks.size(); i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        for (int i : order) {
            if (out.size() >= o.trees()) {
                break;
            }
            Mark m = marks.get(i);
            if (m.guid() == null) {
                withoutGuid++;
                continue;
            }
            if (!done.add(m.guid()) || shown.contains(m.guid())) {
                continue;
            }
            Process p;
            try {
                p = th.process(m.guid());
            } catch (IllegalArgumentException e) {
                continue;
            }
            Hits<Process> tree = p.executionTree(TimePeriod.all());
            for (Process x : tree) {
                if (x.guid() != null) {
                    shown.add(x.guid());
                }
            }
            String muid = String.valueOf(rows.get(i).get("muid"));
            List<Mark> onMachine = new ArrayList<>();
            for (int k = 0; k < marks.size(); k++) {
                if (muid.equals(String.valueOf(rows.get(k).get("muid")))) {
                    onMachine.add(marks.get(k));
                }
            }
            out.add(TreeChart.of("Execution tree of " + p.name() + " (" + p.pid() + ") on " + rows.get(i).get("machineName")
                    + ": " + m.label(), RowSet.of(tree), onMachine));
        }
        if (out.isEmpty()) {
            out.add(TableView.of("Execution trees of processes with IoAs", List.of(), List.of(), 0)
                    .noted(marks.isEmpty() ? "No IoAs in this period." : "None of the IoAs names a process the store saw created"
                            + (withoutGuid > 0 ? " (" + withoutGuid + " IoAs name no process GUID)." : ".")));
        }
        return out;
    }

    private List<Section> communications() {
        Table t = engine.execute(Query.from("events").where(events).where(Cond.eq("Family", "network"))
                .where(Cond.not(Cond.isNull("RemoteIp")))
                .select(Expr.col("RemoteIp"), "RemoteIp").select(Expr.col("Direction"), "Direction")
                .select(Expr.col("Ipv4Status"), "Ipv4Status").select(Expr.call(Expr.Fn.MIN, Expr.col("ParentFilename")), "ParentFilename")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("RemotePort")), "RemotePort").select(Expr.count(), "Times")
                .groupBy(Expr.col("RemoteIp"), Expr.col("Direction"), Expr.col("Ipv4Status"))
                .orderBy(Expr.count(), true).limit(500));
        List<Map<String, Object>> rows = t.maps();
        return MapChart.of("Communications (the 500 busiest remote addresses)", new RowSet(t.columns(), rows), o.geo());
    }

    private Section sessions() {
        Table t = engine.execute(Query.from("events").where(events).where(Cond.eq("Family", "logon"))
                .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "Machine").select(Expr.col("LoggedUser"), "LoggedUser")
                .select(Expr.col("LogonType"), "LogonType").select(Expr.col("EventId"), "EventId").select(Expr.count(), "Events")
                .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "First").select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "Last")
                .groupBy(Expr.col("Muid"), Expr.col("LoggedUser"), Expr.col("LogonType"), Expr.col("EventId"))
                .orderBy(Expr.count(), true).limit(o.top() * 2));
        Section s = table("Logon sessions", t, "Logons and logoffs (Security 4624, 4625, 4634, 4647, 4648, 4672) per machine, user"
                + " and logon type, most frequent first.");
        return t.rows().isEmpty() ? s.noted("No logon events (Security 4624, 4625, 4634, 4648, 4672) in this period.") : s;
    }

    private List<Section> timetables() {
        List<Section> out = new ArrayList<>();
        List<Machine> busiest = new ArrayList<>();
        if (machine != null) {
            busiest.add(machine);
        } else {
            Table t = engine.execute(Query.from("events").where(events).select(Expr.col("Muid"), "Muid").select(Expr.count(), "N")
                    .groupBy(Expr.col("Muid")).orderBy(Expr.count(), true).limit(4));
            for (Object[] r : t.rows()) {
                busiest.add(th.machine(r[0].toString()));
            }
        }
        for (Machine m : busiest) {
            out.add(HeatmapChart.of("Timetable of " + m.name(), RowSet.of(m.timetable(o.period()))));
        }
        return out;
    }
}
