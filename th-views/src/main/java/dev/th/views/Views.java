package dev.th.views;

import dev.th.Chart;
import dev.th.Histogram;
import dev.th.Hits;
import dev.th.IoA;
import dev.th.Machine;
import dev.th.Process;
import dev.th.Row;
import dev.th.TimePeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dflib.DataFrame;

/**
 * The default pictures of answers, each one self-contained HTML page: {@link #chart(Hits)} for
 * any answer of the API ({@code hits.chart()} calls it), {@link #chart(String, String, DataFrame)}
 * for a frame (what the command line prints), and the pictures of frames the API returns bare:
 * {@link #timetable}, {@link #bandwidth}, plus a machine's {@link #timeline}.
 */
public final class Views {
    private static volatile Geo geo = Geo.none();

    private Views() {
    }

    /** The geolocation table maps place addresses with (none unless set). */
    public static void geo(Geo table) {
        geo = table == null ? Geo.none() : table;
    }

    public static Geo geo() {
        return geo;
    }

    /** What picture suits these columns: map, bandwidth, heatmap, ioas, histogram, tree or table. */
    public static String kindOf(List<String> columns, String method) {
        String m = method == null ? "" : method.toLowerCase(Locale.ROOT).replace("get_", "").replace('-', '_');
        if (columns.contains("RemoteIp") && columns.contains("Ipv4Status")) {
            return "map";
        }
        if (columns.contains("Outgoing") && columns.contains("Incoming")) {
            return "bandwidth";
        }
        if (columns.containsAll(List.of("Weekday", "Hour", "AvgActions"))) {
            return "heatmap";
        }
        if (columns.containsAll(List.of("alertDateTime", "huntingRule"))) {
            return "ioas";
        }
        if (columns.contains("Count") && columns.contains("DateTime") && columns.size() <= 3) {
            return "histogram";
        }
        if (columns.containsAll(List.of("ChildPid", "ParentPid", "ChildFilename"))
                && (m.isEmpty() || m.equals("execution_tree") || m.equals("executions") || m.equals("childs")
                        || m.equals("parent") || m.equals("processes"))) {
            return "tree";
        }
        return "table";
    }

    /** The default picture of an answer of the API; an execution tree gets the IoAs of its machine on its nodes. */
    public static Chart chart(Hits<? extends Row> hits) {
        RowSet rows = RowSet.of(hits);
        String kind = kindOf(hits.columns(), null);
        String title = title(kind, hits);
        List<Mark> marks = List.of();
        if (kind.equals("tree") && !hits.isEmpty() && hits.get(0) instanceof Process p) {
            marks = marksFor(p);
        }
        return page(kind, title, rows, marks);
    }

    /** The default picture of a frame, e.g. what {@code th machine NAME METHOD} printed. */
    public static Chart chart(String title, String method, DataFrame frame) {
        RowSet rows = RowSet.of(frame);
        String kind = kindOf(rows.columns(), method);
        return page(kind, title, rows, List.of());
    }

    /** The same, for an execution tree with marks (IoAs, detections) to put on its nodes. */
    public static Chart tree(String title, Hits<? extends Row> processes, List<Mark> marks) {
        return page("tree", title, RowSet.of(processes), marks);
    }

    /** The timetable's heatmap (Machine.timetable, User.timetable). */
    public static Chart timetable(String title, DataFrame frame) {
        return page("heatmap", title, RowSet.of(frame), List.of());
    }

    /** The bandwidth's area chart (Machine.bandwidth). */
    public static Chart bandwidth(String title, DataFrame frame) {
        return page("bandwidth", title, RowSet.of(frame), List.of());
    }

    /** A machine's timeline in {@code period}: its events per hour (or day past a week) by family, and its IoAs. */
    public static Chart timeline(Machine m, TimePeriod period) {
        Page page = new Page("Timeline of " + m.name());
        page.add(timelineSection("Events and IoAs over time", m, period));
        return new PageChart("timeline", page);
    }

    public static Section timelineSection(String title, Machine m, TimePeriod period) {
        java.time.Instant first = m.firstSeen();
        java.time.Instant last = m.lastSeen();
        boolean hourly = first != null && last != null && java.time.Duration.between(first, last).toDays() <= 7;
        Histogram h = hourly ? Histogram.byHour() : Histogram.byDay();
        List<TimelineChart.Counts> families = new ArrayList<>();
        families.add(TimelineChart.Counts.of("process", RowSet.of(m.executions().period(period).histogram(h).fetch())));
        families.add(TimelineChart.Counts.of("file", RowSet.of(m.files().period(period).histogram(h).fetch())));
        families.add(TimelineChart.Counts.of("registry", RowSet.of(m.registry().period(period).histogram(h).fetch())));
        families.add(TimelineChart.Counts.of("network", RowSet.of(m.communications().period(period).histogram(h).fetch())));
        return TimelineChart.of(title, families, RowSet.of(m.ioas().period(period).fetch()), hourly ? "hour" : "day");
    }

    /**
     * A timeline of event rows (e.g. Machine.events' frame: DateTime, Family, ...), counted per
     * hour and family, with {@code ioas} on it.
     */
    public static Chart timeline(String title, DataFrame events, Hits<IoA> ioas) {
        java.util.Map<String, java.util.TreeMap<java.time.Instant, Long>> perFamily = new java.util.TreeMap<>();
        for (java.util.Map<String, Object> r : RowSet.of(events).rows()) {
            java.time.Instant t = Json.instant(r.get("DateTime"));
            if (t == null) {
                continue;
            }
            String family = r.get("Family") == null ? "raw" : r.get("Family").toString();
            perFamily.computeIfAbsent(family, k -> new java.util.TreeMap<>())
                    .merge(t.truncatedTo(java.time.temporal.ChronoUnit.HOURS), 1L, Long::sum);
        }
        List<TimelineChart.Counts> families = new ArrayList<>();
        perFamily.forEach((family, m) -> families.add(new TimelineChart.Counts(family, new ArrayList<>(m.keySet()),
                new ArrayList<>(m.values()))));
        Page page = new Page(title);
        page.add(TimelineChart.of(title, families, RowSet.of(ioas), "hour"));
        return new PageChart("timeline", page);
    }

    /** The IoAs of the tree's machine, to mark on its nodes. */
    public static List<Mark> marksFor(Process p) {
        Hits<IoA> ioas = p.machine(TimePeriod.all()).ioas().period(TimePeriod.all()).fetch();
        return Mark.ofIoas(RowSet.of(ioas));
    }

    static Chart page(String kind, String title, RowSet rows, List<Mark> marks) {
        Page page = new Page(title);
        for (Section s : sections(kind, title, rows, marks)) {
            page.add(s);
        }
        return new PageChart(kind, page);
    }

    /** The sections of one answer's picture (the map adds a table of the addresses it cannot place). */
    static List<Section> sections(String kind, String title, RowSet rows, List<Mark> marks) {
        return switch (kind) {
            case "map" -> MapChart.of(title, rows, geo);
            case "bandwidth" -> List.of(BandwidthChart.of(title, rows));
            case "heatmap" -> List.of(HeatmapChart.of(title, rows));
            case "ioas" -> List.of(IoaChart.of(title, rows), TableView.of("The IoAs", rows));
            case "histogram" -> List.of(HistogramChart.of(title, rows));
            case "tree" -> List.of(TreeChart.of(title, rows, marks));
            default -> List.of(TableView.of(title, rows));
        };
    }

    private static String title(String kind, Hits<? extends Row> hits) {
        String what = hits.isEmpty() ? "rows" : hits.get(0).getClass().getSimpleName();
        return switch (kind) {
            case "map" -> "Communications";
            case "ioas" -> "IoAs";
            case "histogram" -> "Histogram";
            case "tree" -> "Execution tree";
            default -> what + " (" + hits.size() + ")";
        };
    }
}
