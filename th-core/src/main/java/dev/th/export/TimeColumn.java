package dev.th.export;

import java.util.List;
import org.dflib.DataFrame;

/**
 * The column that dates the rows of an answer, for the exports that need one time per row
 * (Timesketch, ECS): the event time ({@code DateTime}), the IoA's {@code alertDateTime}, then
 * the first column holding times ({@code FirstSeen}, {@code IniDate}, bucket times...).
 *
 * @param name the column
 * @param description what the time is, as Timesketch's {@code timestamp_desc}
 */
record TimeColumn(String name, String description) {
    private static final List<TimeColumn> KNOWN = List.of(
            new TimeColumn("DateTime", "Event Time"),
            new TimeColumn("alertDateTime", "Alert Time"),
            new TimeColumn("FirstSeen", "First Seen"),
            new TimeColumn("IniDate", "First Activity"));

    /** The dating column of {@code rows}; an error naming the columns when none holds times. */
    static TimeColumn of(DataFrame rows, String format) {
        List<String> names = List.of(rows.getColumnsIndex().toArray());
        for (TimeColumn t : KNOWN) {
            if (names.contains(t.name)) {
                return t;
            }
        }
        for (int c = 0; c < names.size(); c++) {
            for (int r = 0; r < rows.height(); r++) {
                Object v = rows.get(c, r);
                if (v != null) {
                    if (Cells.instant(v) != null) {
                        return new TimeColumn(names.get(c), names.get(c));
                    }
                    break;
                }
            }
        }
        throw new IllegalArgumentException(format + " needs a time on every row, and this answer has no time column (its columns: "
                + String.join(", ", names) + "); export it as csv or jsonl instead");
    }
}
