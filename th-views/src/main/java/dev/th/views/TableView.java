package dev.th.views;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A readable table: every column as text, long values (such as an IoA's details) folded by the page. */
public final class TableView {
    /** Rows a table shows at most; the note says how many more there were. */
    public static final int MAX_ROWS = 2000;

    private TableView() {
    }

    public static Section of(String title, RowSet rows) {
        return of(title, rows.columns(), rows.rows(), MAX_ROWS);
    }

    /** The first {@code max} of {@code rows} under {@code columns}. */
    public static Section of(String title, List<String> columns, List<Map<String, Object>> rows, int max) {
        ObjectNode body = Json.object();
        ObjectNode t = body.putObject("table");
        t.set("columns", Json.strings(columns));
        ArrayNode out = t.putArray("rows");
        int n = Math.min(max, rows.size());
        for (int i = 0; i < n; i++) {
            ArrayNode r = out.addArray();
            for (String c : columns) {
                Object v = rows.get(i).get(c);
                if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                    r.add(((Number) v).longValue());
                } else if (v instanceof Number num) {
                    r.add(num.doubleValue());
                } else {
                    r.add(Json.text(v));
                }
            }
        }
        String note = rows.isEmpty() ? "No rows." : rows.size() > n
                ? "The first " + n + " of " + rows.size() + " rows." : rows.size() + (rows.size() == 1 ? " row." : " rows.");
        return new Section("table", title, note, body);
    }
}
