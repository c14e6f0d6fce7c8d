package dev.th.hunt.ioa;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dflib.DataFrame;
import org.dflib.builder.DataFrameArrayAppender;

/**
 * IoAs as a DFLib DataFrame: the seed's columns in the seed's order, then ruleId, ruleTitle,
 * ruleAuthor and eventRef ({@link Ioa#OUTPUT_COLUMNS}); times as UTC {@link LocalDateTime}.
 */
public final class IoaFrames {
    private IoaFrames() {
    }

    /** The frame of {@code ioas}, one row each, in the given order. */
    public static DataFrame of(List<Ioa> ioas) {
        return of(ioas, Ioa.OUTPUT_COLUMNS);
    }

    /** The frame of {@code ioas} with the given columns (names of {@link Ioa#column}). */
    public static DataFrame of(List<Ioa> ioas, List<String> columns) {
        DataFrameArrayAppender rows = DataFrame.byArrayRow(columns.toArray(new String[0])).appender();
        for (Ioa a : ioas) {
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                Object v = a.column(columns.get(c));
                row[c] = v instanceof Instant t ? LocalDateTime.ofInstant(t, ZoneOffset.UTC) : v;
            }
            rows.append(row);
        }
        return rows.toDataFrame();
    }
}
