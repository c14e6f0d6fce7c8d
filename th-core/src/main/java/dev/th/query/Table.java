package dev.th.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows an engine returned: column names and one Object[] per row. Values: String, Integer,
 * Long, Double, Boolean, java.time.Instant (TIMESTAMP, UTC), java.time.LocalDate (DATE).
 */
public record Table(List<String> columns, List<Object[]> rows) {
    public Table {
        columns = List.copyOf(columns);
    }

    public int index(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return i;
    }

    /** The rows as maps of column name → value, in column order. */
    public List<Map<String, Object>> maps() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), r[i]);
            }
            out.add(m);
        }
        return out;
    }
}
