package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The seed's picture of bandwidth: an area per day of Outgoing and Incoming MB (Machine.bandwidth's frame). */
public final class BandwidthChart {
    private BandwidthChart() {
    }

    public static Section of(String title, RowSet rows) {
        ObjectNode option = Json.object();
        Charts.grid(option);
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("legend").putArray("data").add("Outgoing").add("Incoming");
        ArrayNode days = Charts.axis(option, "xAxis", "category").put("boundaryGap", false).putArray("data");
        Charts.axis(option, "yAxis", "value").put("name", "MB");
        ArrayNode series = option.putArray("series");
        ArrayNode out = area(series, "Outgoing", "#d9480f");
        ArrayNode in = area(series, "Incoming", "#1c7ed6");
        for (Map<String, Object> r : rows.rows()) {
            days.add(Json.text(r.get("Date")));
            out.add(Json.number(r.get("Outgoing")));
            in.add(Json.number(r.get("Incoming")));
        }
        String note;
        if (rows.size() == 0) {
            note = "No flow data: endpoint logs carry no byte counts, and no network flows (e.g. Zeek conn.log) are in the store for this period.";
            Charts.empty(option, "No flow data");
        } else {
            note = rows.size() + (rows.size() == 1 ? " day" : " days") + " of traffic, in MB per day.";
        }
        return new Section("bandwidth", title, note, Charts.body(option));
    }

    private static ArrayNode area(ArrayNode series, String name, String colour) {
        ObjectNode s = series.addObject();
        s.put("name", name);
        s.put("type", "line");
        s.put("stack", "traffic");
        s.putObject("areaStyle");
        s.put("showSymbol", false);
        s.putObject("itemStyle").put("color", colour);
        return s.putArray("data");
    }
}
