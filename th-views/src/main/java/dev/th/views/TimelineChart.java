package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A timeline of a machine or a case: events per hour or day, stacked by family (process, file,
 * registry, network...), and every IoA as a dot at its time on a severity scale; zoomable (wheel,
 * drag and the slider).
 */
public final class TimelineChart {
    private TimelineChart() {
    }

    /** Counts of one family: bucket start and count. */
    public record Counts(String family, List<Instant> times, List<Long> counts) {
        /** From a histogram's rows (DateTime, Count). */
        public static Counts of(String family, RowSet buckets) {
            List<Instant> t = new ArrayList<>();
            List<Long> c = new ArrayList<>();
            for (Map<String, Object> r : buckets.rows()) {
                Instant i = Json.instant(r.get("DateTime"));
                if (i != null) {
                    t.add(i);
                    c.add((long) Json.number(r.get("Count")));
                }
            }
            return new Counts(family, t, c);
        }
    }

    public static Section of(String title, List<Counts> families, RowSet ioas, String interval) {
        ObjectNode option = Json.object();
        option.putObject("grid").put("left", 60).put("right", 110).put("top", 40).put("bottom", 80);
        option.putObject("tooltip").put("trigger", "item");
        ArrayNode legend = option.putObject("legend").putArray("data");
        Charts.axis(option, "xAxis", "time");
        ArrayNode y = option.putArray("yAxis");
        y.addObject().put("type", "value").put("name", "events per " + interval).put("minInterval", 1);
        y.addObject().put("type", "category").put("name", "IoAs").put("position", "right")
                .set("data", Json.strings(reversed(IoaChart.SEVERITIES)));
        ArrayNode zoom = option.putArray("dataZoom");
        zoom.addObject().put("type", "inside").put("xAxisIndex", 0).put("filterMode", "weakFilter");
        zoom.addObject().put("type", "slider").put("xAxisIndex", 0).put("filterMode", "weakFilter");
        ArrayNode series = option.putArray("series");
        long events = 0;
        for (Counts f : families) {
            if (f.times().isEmpty()) {
                continue;
            }
            legend.add(f.family());
            ObjectNode s = series.addObject();
            s.put("name", f.family());
            s.put("type", "bar");
            s.put("stack", "events");
            s.put("barMaxWidth", 24);
            ArrayNode data = s.putArray("data");
            for (int i = 0; i < f.times().size(); i++) {
                data.addArray().add(f.times().get(i).toString()).add(f.counts().get(i));
                events += f.counts().get(i);
            }
        }
        ObjectNode dots = series.addObject();
        dots.put("name", "IoAs");
        dots.put("type", "scatter");
        dots.put("yAxisIndex", 1);
        dots.put("symbolSize", 11);
        dots.putObject("itemStyle").put("color", "#e03131").put("borderColor", "#212529");
        ArrayNode data = dots.putArray("data");
        for (Map<String, Object> r : ioas.rows()) {
            Instant t = Json.instant(r.get("alertDateTime"));
            String sev = RowSet.text(r, "severity") == null ? "informational" : RowSet.text(r, "severity").toLowerCase(java.util.Locale.ROOT);
            if (t == null) {
                continue;
            }
            ObjectNode d = data.addObject();
            d.putArray("value").add(t.toString()).add(sev);
            d.putObject("itemStyle").put("color", IoaChart.COLOURS.getOrDefault(sev, "#868e96"));
            ArrayNode tip = d.putArray("tip");
            tip.add(t + " " + sev);
            tip.add(RowSet.text(r, "huntingRule") == null ? "" : RowSet.text(r, "huntingRule"));
            String mitre = RowSet.text(r, "mitre");
            if (mitre != null && !mitre.isEmpty()) {
                tip.add(mitre);
            }
            String machine = RowSet.text(r, "machineName");
            if (machine != null) {
                tip.add("machine: " + machine);
            }
        }
        legend.add("IoAs");
        String note = events == 0 && ioas.size() == 0 ? "No events and no IoAs in this period."
                : events + " events, counted per " + interval + " and family, and " + ioas.size() + " IoAs by severity (right axis). Zoom with the wheel or the slider.";
        if (events == 0 && ioas.size() == 0) {
            Charts.empty(option, "Nothing in this period");
        }
        return new Section("timeline", title, note, Charts.body(option));
    }

    private static List<String> reversed(List<String> l) {
        List<String> r = new ArrayList<>(l);
        java.util.Collections.reverse(r);
        return r;
    }
}
