package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A histogram (DateTime, [split column], Count) as bars over time, stacked by the split column's values. */
public final class HistogramChart {
    private HistogramChart() {
    }

    public static Section of(String title, RowSet rows) {
        List<String> cols = rows.columns();
        String split = cols.stream().filter(c -> !c.equals("DateTime") && !c.equals("Count")).findFirst().orElse(null);
        TreeMap<String, Map<String, Long>> buckets = new TreeMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Map<String, Object> r : rows.rows()) {
            String t = Json.text(r.get("DateTime"));
            String key = split == null ? "Count" : (RowSet.text(r, split) == null ? "(none)" : RowSet.text(r, split));
            long n = (long) Json.number(r.get("Count"));
            buckets.computeIfAbsent(t, k -> new LinkedHashMap<>()).merge(key, n, Long::sum);
            totals.merge(key, n, Long::sum);
        }
        ObjectNode option = Json.object();
        Charts.grid(option);
        option.putObject("tooltip").put("trigger", "axis");
        ArrayNode legend = option.putObject("legend").put("type", "scroll").putArray("data");
        ArrayNode x = Charts.axis(option, "xAxis", "category").putArray("data");
        buckets.keySet().forEach(x::add);
        Charts.axis(option, "yAxis", "value").put("name", "count").put("minInterval", 1);
        ArrayNode series = option.putArray("series");
        totals.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> {
            legend.add(e.getKey());
            ObjectNode s = series.addObject();
            s.put("name", e.getKey());
            s.put("type", "bar");
            s.put("stack", "count");
            ArrayNode data = s.putArray("data");
            buckets.values().forEach(m -> data.add(m.getOrDefault(e.getKey(), 0L)));
        });
        if (buckets.size() > 48) {
            Charts.zoom(option);
        }
        String note;
        if (rows.size() == 0) {
            note = "No rows in this period.";
            Charts.empty(option, "Nothing to count");
        } else {
            long sum = totals.values().stream().mapToLong(Long::longValue).sum();
            note = sum + " in " + buckets.size() + " buckets" + (split == null ? "." : ", stacked by " + split + ".");
        }
        return new Section("histogram", title, note, Charts.body(option));
    }
}
