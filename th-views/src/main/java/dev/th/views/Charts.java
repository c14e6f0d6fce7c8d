package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pieces of ECharts options that several charts share. */
final class Charts {
    private Charts() {
    }

    static ObjectNode body(ObjectNode option) {
        ObjectNode b = Json.object();
        b.set("option", option);
        return b;
    }

    /** A message drawn in the middle of an empty chart. */
    static void empty(ObjectNode option, String message) {
        option.putArray("graphic").addObject().put("type", "text").put("left", "center").put("top", "middle")
                .putObject("style").put("text", message).put("fontSize", 16).put("fill", "#555d6b");
    }

    /** Zoom by wheel and drag, and a slider under the chart. */
    static void zoom(ObjectNode option) {
        ArrayNode z = option.putArray("dataZoom");
        z.addObject().put("type", "inside");
        z.addObject().put("type", "slider");
    }

    static ObjectNode axis(ObjectNode option, String name, String type) {
        ObjectNode a = option.putObject(name);
        a.put("type", type);
        return a;
    }

    static ObjectNode grid(ObjectNode option) {
        return option.putObject("grid").put("left", 60).put("right", 30).put("top", 40).put("bottom", 70);
    }
}
