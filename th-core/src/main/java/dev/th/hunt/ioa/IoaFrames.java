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

    /**
     * One row per rule: huntingRule, severity, IoAs, machines (names, comma separated), mitre;
     * most severe first, then most IoAs.
     */
    public static DataFrame summary(List<Ioa> ioas) {
        java.util.Map<String, List<Ioa>> byRule = new java.util.LinkedHashMap<>();
        for (Ioa a : ioas) {
            byRule.computeIfAbsent(a.ruleId(), k -> new java.util.ArrayList<>()).add(a);
        }
        List<List<Ioa>> groups = new java.util.ArrayList<>(byRule.values());
        groups.sort(java.util.Comparator.<List<Ioa>>comparingInt(g -> -g.get(0).weight())
                .thenComparingInt(g -> -g.size()).thenComparing(g -> g.get(0).huntingRule()));
        DataFrameArrayAppender rows = DataFrame.byArrayRow("huntingRule", "severity", "IoAs", "machines", "mitre").appender();
        for (List<Ioa> g : groups) {
            Ioa first = g.get(0);
            String machines = String.join(", ", new java.util.TreeSet<>(g.stream().map(Ioa::machineName).toList()));
            rows.append(first.huntingRule(), first.severity(), g.size(), machines, first.mitre());
        }
        return rows.toDataFrame();
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
