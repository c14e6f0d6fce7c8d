package dev.th.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.dflib.DataFrame;

/**
 * An aligned text table for people: numbers right-aligned, times to the second, control
 * characters of attacker-controlled values shown escaped ({@code \x1b}, {@code \n}) so they
 * cannot move the cursor or recolour the console; on a terminal, as wide as the terminal (the
 * widest columns cut with {@code …}), with a bold header and coloured severities when colour is
 * allowed. Off a terminal, full width and plain.
 */
final class TextTable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int MIN_WIDTH = 8;
    private final Terminal terminal;

    TextTable(Terminal terminal) {
        this.terminal = terminal;
    }

    void print(DataFrame df, PrintWriter out) {
        String[] names = df.getColumnsIndex().toArray();
        int w = names.length;
        int h = df.height();
        String[][] cells = new String[h][w];
        int[] width = new int[w];
        boolean[] numeric = new boolean[w];
        int severity = -1;
        for (int c = 0; c < w; c++) {
            width[c] = names[c].length();
            numeric[c] = h > 0;
            severity = names[c].equals("severity") ? c : severity;
            for (int r = 0; r < h; r++) {
                Object v = df.get(c, r);
                cells[r][c] = text(v);
                width[c] = Math.max(width[c], cells[r][c].length());
                numeric[c] &= v == null || v instanceof Number;
            }
        }
        fit(width, names);
        line(out, names, width, numeric, true, -1);
        String[] rule = new String[w];
        for (int c = 0; c < w; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width, new boolean[w], false, -1);
        for (String[] row : cells) {
            line(out, row, width, numeric, false, severity);
        }
        out.println("(" + h + (h == 1 ? " row)" : " rows)"));
    }

    /** Narrows the widest columns until the table fits the terminal (never below a column's name or {@value #MIN_WIDTH}). */
    private void fit(int[] width, String[] names) {
        int room = terminal.columns();
        if (room <= 0) {
            return;
        }
        while (total(width) > room) {
            int widest = -1;
            for (int c = 0; c < width.length; c++) {
                if (width[c] > Math.max(MIN_WIDTH, names[c].length()) && (widest < 0 || width[c] > width[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                return;
            }
            width[widest] = Math.max(Math.max(MIN_WIDTH, names[widest].length()), width[widest] - (total(width) - room));
        }
    }

    private static int total(int[] width) {
        int t = 2 * Math.max(0, width.length - 1);
        for (int x : width) {
            t += x;
        }
        return t;
    }

    private void line(PrintWriter out, String[] cells, int[] width, boolean[] right, boolean header, int severity) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String cell = cells[c].length() > width[c] ? cells[c].substring(0, width[c] - 1) + "…" : cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            String shown = header ? terminal.bold(cell) : c == severity ? terminal.severity(cell, cell) : cell;
            sb.append(right[c] ? pad + shown : c == cells.length - 1 ? shown : shown + pad);
        }
        out.println(sb);
    }

    /** A value as a table shows it: times to the second, control characters escaped. */
    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof LocalDateTime t) {
            return TIME.format(t);
        }
        if (v instanceof Instant t) {
            return TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        return escape(v.toString());
    }

    /** {@code s} with C0/C1 control characters and DEL written as escapes. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean control = ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch < 0xa0);
            if (control && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(ch);
                } else if (ch == '\n') {
                    sb.append("\\n");
                } else if (ch == '\r') {
                    sb.append("\\r");
                } else if (ch == '\t') {
                    sb.append("\\t");
                } else {
                    sb.append(String.format("\\x%02x", (int) ch));
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
