package dev.th.views;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One part of a page: a chart (an ECharts option) or a table, with a title and a note (what the
 * part shows, what is missing and why). Everything in it is data: the page's own script draws
 * it, writing text only as text, never as markup.
 *
 * @param kind map, bandwidth, heatmap, ioas, tree, timeline, histogram, table (or a report
 *     part's own name)
 * @param title the heading
 * @param note a sentence under the heading (null for none)
 * @param body {@code {"option": {...}}} for a chart, {@code {"table": {...}}} for a table
 */
public record Section(String kind, String title, String note, ObjectNode body) {

    /** Whether the page's script draws it with ECharts. */
    boolean isChart() {
        return body.has("option");
    }

    /** Whether the chart needs the world geometry. */
    boolean needsWorld() {
        return body.has("option") && body.get("option").has("geo");
    }

    /** The same part under another heading. */
    public Section titled(String newTitle) {
        return new Section(kind, newTitle, note, body);
    }

    /** The same part with another note. */
    public Section noted(String newNote) {
        return new Section(kind, title, newNote, body);
    }

    ObjectNode spec(String id) {
        ObjectNode s = Json.object();
        s.put("id", id);
        s.put("kind", kind);
        s.put("title", title);
        if (note != null) {
            s.put("note", note);
        }
        s.setAll(body.deepCopy());
        return s;
    }
}
