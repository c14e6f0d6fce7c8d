package dev.th.ask;

import dev.th.query.Table;
import java.util.ArrayList;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.Series;

/** Engine tables to DataFrames with named columns. */
public final class Frames {
    private Frames() {
    }

    /** The columns {@code columns} of {@code t}, in that order. */
    public static DataFrame of(Table t, List<String> columns) {
        List<Series<?>> series = new ArrayList<>();
        for (String c : columns) {
            int i = t.index(c);
            Object[] values = new Object[t.rows().size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = t.rows().get(r)[i];
            }
            series.add(Series.of(values));
        }
        return DataFrame.byColumn(columns.toArray(new String[0])).ofIterable(series);
    }
}
