package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's picture of a timetable: a weekday x hour heatmap. A cell's value is the sum over
 * users of their AvgActions in that weekday and hour; its tooltip names the users.
 */
public final class HeatmapChart {
    static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

    private HeatmapChart() {
    }

    public static Section of(String title, RowSet rows) {
        double[][] sum = new double[7][24];
        List<List<TreeMap<String, Double>>> users = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            List<TreeMap<String, Double>> day = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                day.add(new TreeMap<>());
            }
            users.add(day);
        }
        for (Map<String, Object> r : rows.rows()) {
            int d = (int) Json.number(r.get("Weekday")) - 1;
            int h = (int) Json.number(r.get("Hour"));
            if (d < 0 || d > 6 || h < 0 || h > 23) {
                continue;
            }
            double v = Json.number(r.get("AvgActions"));
            sum[d][h] += v;
            String u = RowSet.text(r, "LoggedUser");
            users.get(d).get(h).merge(u == null || u.isEmpty() ? "(no user)" : u, v, Double::sum);
        }
        ObjectNode option = Json.object();
        option.putObject("grid").put("left", 90).put("right", 30).put("top", 20).put("bottom", 100);
        ArrayNode hours = Charts.axis(option, "xAxis", "category").put("name", "hour of day (UTC)")
                .put("nameLocation", "middle").put("nameGap", 28).putArray("data");
        for (int h = 0; h < 24; h++) {
            hours.add(String.valueOf(h));
        }
        Charts.axis(option, "yAxis", "category").put("inverse", true).set("data", Json.strings(WEEKDAYS));
        option.putObject("tooltip").put("trigger", "item");
        double max = 0;
        ObjectNode s = option.putArray("series").addObject();
        s.put("name", "events per hour");
        s.put("type", "heatmap");
        ArrayNode data = s.putArray("data");
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                if (sum[d][h] == 0) {
                    continue;
                }
                max = Math.max(max, sum[d][h]);
                ObjectNode cell = data.addObject();
                cell.putArray("value").add(h).add(d).add(round(sum[d][h]));
                ArrayNode tip = cell.putArray("tip");
                tip.add(WEEKDAYS.get(d) + " " + h + ":00-" + h + ":59 UTC: " + round(sum[d][h]) + " events on average");
                int n = 0;
                for (Map.Entry<String, Double> e : users.get(d).get(h).entrySet()) {
                    if (n++ == 8) {
                        tip.add("...");
                        break;
                    }
                    tip.add(e.getKey() + ": " + round(e.getValue()));
                }
            }
        }
        option.putObject("visualMap").put("min", 0).put("max", max == 0 ? 1 : round(max)).put("calculable", true)
                .put("orient", "horizontal").put("left", "center").put("bottom", 0)
                .putObject("inRange").putArray("color").add("#f1f3f5").add("#ffd43b").add("#e8590c").add("#c92a2a");
        String note;
        if (rows.size() == 0) {
            note = "No activity in this period.";
            Charts.empty(option, "No activity");
        } else {
            note = "Average events per hour on the days of each weekday with activity in that hour, summed over "
                    + distinctUsers(rows) + " users (times in UTC).";
        }
        return new Section("heatmap", title, note, Charts.body(option));
    }

    private static long distinctUsers(RowSet rows) {
        return rows.rows().stream().map(r -> RowSet.text(r, "LoggedUser")).distinct().count();
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
