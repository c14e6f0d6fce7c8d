package dev.th.query;

import java.util.List;

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
}
