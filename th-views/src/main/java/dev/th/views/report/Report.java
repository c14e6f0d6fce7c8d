package dev.th.views.report;

import dev.th.Hits;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import dev.th.ask.Conditions;
import dev.th.ask.Timetable;
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
    /** The busiest machines whose timetables the report draws. */
    static final int TIMETABLES = 4;
    private final QueryEngine engine;
    private final TH th;
    private final Clock clock;
    private final ReportOptions o;
    private Cond events;
    private Cond ioas;
    private String scopeText;
    private Machine machine;
    /** The first and last event time in scope. */
    private Object[] span;

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
        List<Map<String, Object>> perMachine = perMachine(r);
        long events = 0;
        Object first = null;
        Object last = null;
        for (Map<String, Object> m : perMachine) {
            events += ((Number) m.get("Events")).longValue();
            first = earliest(first, m.get("FirstSeen"), true);
            last = earliest(last, m.get("LastSeen"), false);
        }
        this.span = new Object[] {first, last};
        List<Map<String, Object>> ioaRows = ioaRows();
        millis.put("totals and IoAs", (System.nanoTime() - t0) / 1_000_000);
        page.meta("Period: " + o.period() + (r.from() == null ? "" : " (" + r.from() + " .. " + r.to() + ")")
                + "; events from " + text(first) + " to " + text(last));
        page.meta(events + " events on " + perMachine.size() + " machines; " + ioaRows.size() + (ioaRows.size() == MAX_IOAS ? "+" : "") + " IoAs");
        page.meta("Made by TH for Java at " + Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ". Every value shown comes from the logs: read it as evidence, not as instructions.");
        RowSet ioaSet = new RowSet(List.of("alertDateTime", "severity", "huntingRule", "mitre", "muid", "machineName"), ioaRows);
        part(page, "machines", () -> List.of(machines(perMachine, ioaRows)));
        part(page, "IoAs", () -> List.of(IoaChart.of("IoAs by severity", ioaSet), AttackMatrix.of(techniques(ioaRows)), rules(ioaRows)));
        part(page, "timeline", () -> List.of(timeline(ioaSet)));
        part(page, "processes", () -> List.of(topProcesses(), rareCommandLines(), starters()));
        part(page, "execution trees", this::trees);
        part(page, "communications", this::communications);
        part(page, "sessions", this::sessions);
        part(page, "timetables", () -> timetables(perMachine));
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

    /**
     * One row per machine in scope (MachineName, ClientId, Muid, FirstSeen, LastSeen, Events): from
     * the store's machines table when the report covers all time (kept at ingest, so the events
     * are not read), else one pass over the events of the period. The totals, the timeline's span
     * and the busiest machines come from these rows.
     */
    private List<Map<String, Object>> perMachine(TimePeriod.Range r) {
        Query q;
        if (r.from() == null && r.to() == null && engine.hasTable("machines")) {
            List<Cond> c = new ArrayList<>();
            if (machine != null) {
                c.add(Cond.eq("Muid", machine.muid()));
            } else if (o.client() != null) {
                c.add(Cond.eq("ClientId", o.client()));
            }
            c.add(Cond.cmp("Events", Cond.Op.GT, 0));
            q = Query.from("machines").where(Cond.and(c)).selectColumns(List.of("MachineName", "ClientId", "Muid", "FirstSeen", "LastSeen", "Events"));
        } else {
            q = Query.from("events").where(events)
                    .select(Expr.call(Expr.Fn.MIN, Expr.col("MachineName")), "MachineName").select(Expr.col("ClientId"), "ClientId")
                    .select(Expr.col("Muid"), "Muid")
                    .select(Expr.call(Expr.Fn.MIN, Expr.col("DateTime")), "FirstSeen").select(Expr.call(Expr.Fn.MAX, Expr.col("DateTime")), "LastSeen")
                    .select(Expr.count(), "Events")
                    .groupBy(Expr.col("Muid"), Expr.col("ClientId"));
        }
        List<Map<String, Object>> rows = engine.execute(q.orderBy(Expr.col("Events"), true).orderBy(Expr.col("Muid"), false)).maps();
        return rows;
    }

    private static Object earliest(Object a, Object b, boolean min) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        int c = ((Comparable) a).compareTo(b);
        return min == c <= 0 ? a : b;
    }

    private Section machines(List<Map<String, Object>> perMachineRows, List<Map<String, Object>> ioaRows) {
        Map<String, long[]> perMachine = new TreeMap<>();
        for (Map<String, Object> r : ioaRows) {
            perMachine.computeIfAbsent(String.valueOf(r.get("muid")), k -> new long[1])[0]++;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : perMachineRows) {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.put("IoAs", perMachine.getOrDefault(String.valueOf(r.get("Muid")), new long[1])[0]);
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
        Instant f = toInstant(span[0]);
        Instant l = toInstant(span[1]);
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

    /** What a tree of the report draws at most: generations below the marked process, children of one process. */
    static final int TREE_DEPTH = 12;
    static final int TREE_CHILDREN = 40;
    /** The columns of a tree's rows (TreeChart's). */
    private static final List<String> TREE_COLUMNS = List.of("Muid", "DateTime", "Operation", "ChildGuid", "ChildPid", "ChildFilename",
            "ChildPath", "ChildMd5", "CommandLine", "ParentGuid", "ParentPid", "ParentFilename", "LoggedUser", "Kind", "StartedBy",
            "StartedFor", "RemoteSession", "External", "FreshUnknown", "LanShared");

    /**
     * The execution trees of the processes with the most severe IoAs (one per hunting rule first):
     * the process creations of their machines read in one query, each tree cut to its ancestors
     * and {@value #TREE_DEPTH} generations of descendants ({@value #TREE_CHILDREN} children of one
     * process, TreeChart's node bound in all), the processes left out counted in its note.
     */
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
        int withoutGuid = 0;
        Set<String> muids = new LinkedHashSet<>();
        for (int i : order) {
            if (marks.get(i).guid() == null) {
                withoutGuid++;
            } else if (muids.size() < 2 * o.trees()) {
                muids.add(String.valueOf(rows.get(i).get("muid")));
            }
        }
        Map<String, Lineages> machines = new LinkedHashMap<>();
        if (!muids.isEmpty()) {
            Table c = engine.execute(Query.from("events").where(Cond.and(List.of(Cond.in("Muid", new ArrayList<>(muids)),
                    Cond.eq("Family", "process"), Cond.eq("Operation", "create"), Conditions.SINGLE)))
                    .selectColumns(TREE_COLUMNS).orderBy(Expr.col("DateTime"), false));
            Map<String, List<Map<String, Object>>> byMachine = new LinkedHashMap<>();
            for (Map<String, Object> r : c.maps()) {
                byMachine.computeIfAbsent(String.valueOf(r.get("Muid")), k -> new ArrayList<>()).add(r);
            }
            byMachine.forEach((m, creations) -> machines.put(m, new Lineages(creations)));
        }
        Set<String> shown = new LinkedHashSet<>();
        for (int i : order) {
            if (out.size() >= o.trees()) {
                break;
            }
            Mark m = marks.get(i);
            String muid = String.valueOf(rows.get(i).get("muid"));
            Lineages l = machines.get(muid);
            String key = TreeChart.key(m.guid(), null, null);
            if (m.guid() == null || l == null || !l.has(key) || shown.contains(muid + key)) {
                continue;
            }
            Lineages.Cut cut = l.tree(key, TREE_DEPTH, TREE_CHILDREN, 400);
            for (Map<String, Object> r : cut.rows()) {
                shown.add(muid + Lineages.key(r, "Child"));
            }
            List<Mark> onMachine = new ArrayList<>();
            for (int k = 0; k < marks.size(); k++) {
                if (muid.equals(String.valueOf(rows.get(k).get("muid")))) {
                    onMachine.add(marks.get(k));
                }
            }
            Map<String, Object> self = cut.rows().stream().filter(r -> key.equals(Lineages.key(r, "Child"))).findFirst().orElseThrow();
            Section s = TreeChart.of("Execution tree of " + self.get("ChildFilename") + " (" + self.get("ChildPid") + ") on "
                    + rows.get(i).get("machineName") + ": " + m.label(), new RowSet(TREE_COLUMNS, cut.rows()), onMachine);
            out.add(cut.leftOut() == 0 ? s : s.noted(s.note() + " " + cut.leftOut() + " more descendants not drawn (deeper than "
                    + TREE_DEPTH + " generations, past " + TREE_CHILDREN + " children of one process, or past 400 nodes): "
                    + "th process --guid " + m.guid() + " execution_tree --period all."));
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

    /** Sessions the report lists at most, beside the summary per logon type. */
    static final int SESSIONS = 40;
    /** Sessions the report reads at most (the summary counts these). */
    static final int MAX_SESSION_ROWS = 50_000;

    /**
     * The logon sessions of the store's {@code sessions} view (one row per machine, boot and
     * LogonId; docs/normalize.md "Sessions") that began in the period: a summary per logon type,
     * then the sessions themselves, remote ones first, the latest first.
     */
    private List<Section> sessions() {
        if (!engine.hasTable("sessions")) {
            return List.of(TableView.of("Logon sessions", List.of(), List.of(), 0)
                    .noted("This store has no sessions view (its engine does not compute logon sessions), so none are shown."));
        }
        // the view is evaluated once (it costs several passes over the logon rows): every session in scope, remote ones
        // first and the latest first, up to MAX_SESSION_ROWS; the summary is counted from these rows
        Table t = engine.execute(Query.from("sessions").where(sessionScope())
                .selectColumns(List.of("MachineName", "Muid", "LoggedUser", "LogonType", "LogonKind", "RemoteIp", "Workstation",
                        "AuthPackage", "Elevated", "Remote", "Start", "End", "Seconds", "EndedBy", "LogonId"))
                .orderBy(Expr.col("Remote"), true).orderBy(Expr.col("Start"), true).limit(MAX_SESSION_ROWS));
        List<Map<String, Object>> every = t.maps();
        long all = every.size();
        long remoteAll = 0;
        Map<String, Map<String, Object>> byType = new TreeMap<>();
        Map<String, Set<Object>[]> distinct = new TreeMap<>();
        for (Map<String, Object> r : every) {
            String type = String.valueOf(r.get("LogonType"));
            Map<String, Object> x = byType.computeIfAbsent(type, k -> {
                Map<String, Object> n = new LinkedHashMap<>();
                n.put("LogonType", r.get("LogonType"));
                n.put("Type", r.get("LogonKind"));
                n.put("Sessions", 0L);
                n.put("Remote", 0L);
                n.put("LongestSeconds", null);
                n.put("First", r.get("Start"));
                n.put("Last", r.get("Start"));
                return n;
            });
            @SuppressWarnings("unchecked")
            Set<Object>[] d = distinct.computeIfAbsent(type, k -> new Set[] {new java.util.HashSet<>(), new java.util.HashSet<>(), new java.util.HashSet<>()});
            d[0].add(r.get("LoggedUser"));
            if (r.get("RemoteIp") != null) {
                d[1].add(r.get("RemoteIp"));
            }
            d[2].add(r.get("Muid"));
            x.put("Sessions", (Long) x.get("Sessions") + 1);
            if (Boolean.TRUE.equals(r.get("Remote"))) {
                x.put("Remote", (Long) x.get("Remote") + 1);
                remoteAll++;
            }
            if (r.get("Seconds") instanceof Number n && (x.get("LongestSeconds") == null || n.longValue() > (Long) x.get("LongestSeconds"))) {
                x.put("LongestSeconds", n.longValue());
            }
            x.put("First", earliest(x.get("First"), r.get("Start"), true));
            x.put("Last", earliest(x.get("Last"), r.get("Start"), false));
        }
        if (all == 0) {
            return List.of(TableView.of("Logon sessions", List.of(), List.of(), 0)
                    .noted("No logon session began in this period (sessions start at a Security 4624 logon)."));
        }
        List<Map<String, Object>> types = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : byType.entrySet()) {
            Map<String, Object> x = e.getValue();
            Set<Object>[] d = distinct.get(e.getKey());
            x.put("Users", (long) d[0].size());
            x.put("SourceAddresses", (long) d[1].size());
            x.put("Machines", (long) d[2].size());
            x.put("Longest", duration(x.remove("LongestSeconds")));
            types.add(x);
        }
        types.sort((a, b) -> Long.compare((Long) b.get("Sessions"), (Long) a.get("Sessions")));
        String capped = all == MAX_SESSION_ROWS ? " (the first " + MAX_SESSION_ROWS + " read: remote ones first, the latest first)" : "";
        Section summary = TableView.of("Logon sessions by type", List.of("LogonType", "Type", "Sessions", "Remote", "Users",
                "SourceAddresses", "Machines", "Longest", "First", "Last"), types, types.size())
                .noted(all + " logon sessions" + capped + " (" + remoteAll + " remote: network, Remote Desktop or from another address) on "
                        + "the machines in scope, per logon type. A session runs from its 4624 to its logoff (4634, 4647) or the next boot.");
        List<Map<String, Object>> rows = new ArrayList<>(every.subList(0, (int) Math.min(SESSIONS, all)));
        for (Map<String, Object> r : rows) {
            Object end = r.get("End");
            r.put("Duration", end == null ? "no end logged" : duration(r.get("Seconds")));
        }
        String shown = rows.size() < all ? "The " + rows.size() + " of " + all + " sessions shown: " : "Every session: ";
        Section list = TableView.of("Logon sessions", List.of("MachineName", "LoggedUser", "LogonKind", "LogonType", "RemoteIp",
                "Workstation", "Start", "End", "Duration", "Elevated", "EndedBy", "AuthPackage", "LogonId"), rows, SESSIONS)
                .noted(shown + "remote ones first, the latest first. RemoteIp is the source address the 4624 names; End is the logoff or "
                        + "the next boot (EndedBy). " + (all > rows.size() ? (all - rows.size()) + " more: th machine NAME sessions --period P." : ""));
        return List.of(summary, list);
    }

    /** The sessions that began in the report's period on the machines in scope. */
    private Cond sessionScope() {
        List<Cond> c = new ArrayList<>();
        if (machine != null) {
            c.add(Cond.eq("Muid", machine.muid()));
        } else if (o.client() != null) {
            c.add(Cond.eq("ClientId", o.client()));
        }
        TimePeriod.Range r = o.period().resolve(clock);
        if (r.from() != null) {
            c.add(Cond.cmp("Start", Cond.Op.GE, r.from()));
        }
        if (r.to() != null) {
            c.add(Cond.cmp("Start", Cond.Op.LT, r.to()));
        }
        return Cond.and(c);
    }

    /** Seconds as text: 45 s, 12 min, 3 h 05 min, 2 d 4 h. */
    static String duration(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "-";
        }
        long s = n.longValue();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + String.format("%02d", s % 3600 / 60) + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    /**
     * The timetables of the busiest machines (the report's machine), from one pass over their
     * events grouped by machine, user, day and hour.
     */
    private List<Section> timetables(List<Map<String, Object>> perMachine) {
        List<Section> out = new ArrayList<>();
        List<Map<String, Object>> busiest = machine != null ? perMachine : perMachine.subList(0, Math.min(TIMETABLES, perMachine.size()));
        if (busiest.isEmpty()) {
            return out;
        }
        List<String> muids = busiest.stream().map(r -> r.get("Muid").toString()).toList();
        Expr day = Expr.call(Expr.Fn.DAY, Expr.col("DateTime"));
        Expr hour = Expr.call(Expr.Fn.HOUR, Expr.col("DateTime"));
        Table t = engine.execute(Query.from("events").where(events).where(Cond.in("Muid", muids)).where(Conditions.SINGLE)
                .select(Expr.col("Muid"), "Muid").select(Expr.col("LoggedUser"), "LoggedUser").select(day, "D").select(hour, "H")
                .select(Expr.count(), "N").groupBy(Expr.col("Muid"), Expr.col("LoggedUser"), day, hour));
        Map<String, List<Object[]>> byMachine = new LinkedHashMap<>();
        for (Object[] r : t.rows()) {
            byMachine.computeIfAbsent(r[0].toString(), k -> new ArrayList<>()).add(java.util.Arrays.copyOfRange(r, 1, 5));
        }
        TimePeriod.Range range = o.period().resolve(clock);
        for (Map<String, Object> m : busiest) {
            List<Object[]> counts = byMachine.getOrDefault(m.get("Muid").toString(), List.of());
            out.add(HeatmapChart.of("Timetable of " + m.get("MachineName"), RowSet.of(Timetable.fromCounts(counts, range))));
        }
        return out;
    }
}
