package dev.th.views;

import dev.th.Hits;
import dev.th.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * The rows a chart draws: the answer's columns (those a table shows) and every row as a map,
 * which may hold more keys than the columns (process GUIDs that link a tree).
 */
public record RowSet(List<String> columns, List<Map<String, Object>> rows) {

    public static RowSet of(Hits<? extends Row> hits) {
        List<Map<String, Object>> rows = new ArrayList<>(hits.size());
        for (Row r : hits) {
            Map<String, Object> m = new LinkedHashMap<>(r.toMap());
            for (String c : hits.columns()) {
                m.putIfAbsent(c, r.get(c));
            }
            rows.add(m);
        }
        return new RowSet(hits.columns(), rows);
    }

    public static RowSet of(DataFrame df) {
        List<String> columns = List.of(df.getColumnsIndex().toArray());
        List<Map<String, Object>> rows = new ArrayList<>(df.height());
        for (int r = 0; r < df.height(); r++) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                m.put(columns.get(c), df.get(c, r));
            }
            rows.add(m);
        }
        return new RowSet(columns, rows);
    }

    public boolean has(String... names) {
        return columns.containsAll(List.of(names));
    }

    public int size() {
        return rows.size();
    }

    static String text(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : Json.text(v);
    }
}
