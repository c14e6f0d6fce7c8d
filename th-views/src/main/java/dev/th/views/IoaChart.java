package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The seed's picture of IoAs: a pie of the hunting rules when the IoAs fall on one day, bars per
 * day stacked by severity when they span more.
 */
public final class IoaChart {
    static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "informational");
    static final Map<String, String> COLOURS = Map.of("critical", "#862e9c", "high", "#e03131", "medium", "#f08c00",
            "low", "#1971c2", "informational", "#868e96");

    private IoaChart() {
    }

    public static Section of(String title, RowSet rows) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Map<String, Object> r : rows.rows()) {
            Instant t = Json.instant(r.get("alertDateTime"));
            if (t != null) {
                days.add(t.atZone(ZoneOffset.UTC).toLocalDate());
            }
        }
        if (rows.size() == 0) {
            ObjectNode option = Json.object();
            Charts.empty(option, "No IoAs");
            return new Section("ioas", title, "No IoAs in this answer.", Charts.body(option));
        }
        return days.size() <= 1 ? pie(title, rows, days) : bars(title, rows, days);
    }

    private static String severity(Map<String, Object> r) {
        String s = RowSet.text(r, "severity");
        return s == null ? "informational" : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static Section pie(String title, RowSet rows, TreeSet<LocalDate> days) {
        Map<String, long[]> count = new LinkedHashMap<>();
        Map<String, Map<String, Object>> first = new LinkedHashMap<>();
        for (Map<String, Object> r : rows.rows()) {
            String rule = RowSet.text(r, "huntingRule") == null ? "(no rule name)" : RowSet.text(r, "huntingRule");
            count.computeIfAbsent(rule, k -> new long[1])[0]++;
            first.putIfAbsent(rule, r);
        }
        ObjectNode option = Json.object();
        option.putObject("tooltip").put("trigger", "item");
        ObjectNode s = option.putArray("series").addObject();
        s.put("name", "IoAs by hunting rule");
        s.put("type", "pie");
        s.put("radius", "62%");
        s.putObject("label").put("overflow", "truncate").put("width", 220);
        ArrayNode data = s.putArray("data");
        count.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).forEach(e -> {
            Map<String, Object> r = first.get(e.getKey());
            ObjectNode d = data.addObject();
            d.put("name", e.getKey());
            d.put("value", e.getValue()[0]);
            d.putObject("itemStyle").put("color", COLOURS.getOrDefault(severity(r), "#868e96"));
            ArrayNode tip = d.putArray("tip");
            tip.add(e.getKey());
            tip.add(e.getValue()[0] + " IoAs, severity " + severity(r));
            tip.add("ATT&CK: " + (RowSet.text(r, "mitre") == null ? "none" : RowSet.text(r, "mitre")));
        });
        String day = days.isEmpty() ? "" : " on " + days.first();
        return new Section("ioas", title, rows.size() + " IoAs of " + count.size() + " hunting rules" + day
                + " (colour: severity).", Charts.body(option));
    }

    private static Section bars(String title, RowSet rows, TreeSet<LocalDate> days) {
        TreeMap<LocalDate, Map<String, Long>> perDay = new TreeMap<>();
        for (LocalDate d = days.first(); !d.isAfter(days.last()); d = d.plusDays(1)) {
            perDay.put(d, new LinkedHashMap<>());
            if (perDay.size() > 3660) {
                break;
            }
        }
        for (Map<String, Object> r : rows.rows()) {
            Instant t = Json.instant(r.get("alertDateTime"));
            if (t != null) {
                perDay.computeIfAbsent(t.atZone(ZoneOffset.UTC).toLocalDate(), k -> new LinkedHashMap<>())
                        .merge(severity(r), 1L, Long::sum);
            }
        }
        ObjectNode option = Json.object();
        Charts.grid(option);
        option.putObject("tooltip").put("trigger", "axis");
        ArrayNode legend = option.putObject("legend").putArray("data");
        ArrayNode x = Charts.axis(option, "xAxis", "category").putArray("data");
        perDay.keySet().forEach(d -> x.add(d.toString()));
        Charts.axis(option, "yAxis", "value").put("name", "IoAs").put("minInterval", 1);
        ArrayNode series = option.putArray("series");
        for (String sev : SEVERITIES) {
            if (perDay.values().stream().noneMatch(m -> m.containsKey(sev))) {
                continue;
            }
            legend.add(sev);
            ObjectNode s = series.addObject();
            s.put("name", sev);
            s.put("type", "bar");
            s.put("stack", "ioas");
            s.putObject("itemStyle").put("color", COLOURS.get(sev));
            ArrayNode data = s.putArray("data");
            perDay.values().forEach(m -> data.add(m.getOrDefault(sev, 0L)));
        }
        if (perDay.size() > 60) {
            Charts.zoom(option);
        }
        return new Section("ioas", title, rows.size() + " IoAs over " + perDay.size() + " days, "
                + days.first() + ".." + days.last() + ", per day and severity.", Charts.body(option));
    }
}
