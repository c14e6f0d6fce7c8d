package dev.th.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.dflib.DataFrame;

/**
 * CSV (RFC 4180: comma, CRLF, fields quoted when they hold a comma, quote or line break) with a
 * header row, as Timeline Explorer and spreadsheets read it. Every value comes from the logs and
 * so from an attacker: a text that a spreadsheet would run as a formula (starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is written with a leading
 * {@code '} and quoted, so Excel and Timeline Explorer show it as text. Numbers are left as they are.
 */
public final class CsvWriter implements RowWriter {
    private final boolean neutralize;

    private CsvWriter(boolean neutralize) {
        this.neutralize = neutralize;
    }

    /** The writer for spreadsheets and Timeline Explorer: formulas neutralized. */
    public static CsvWriter safe() {
        return new CsvWriter(true);
    }

    /** A writer that keeps text exactly (for a reader that never evaluates formulas). */
    public static CsvWriter raw() {
        return new CsvWriter(false);
    }

    @Override
    public Written write(DataFrame rows, Writer out) throws IOException {
        return append(rows, out, true);
    }

    @Override
    public Written append(DataFrame rows, Writer out, boolean first) throws IOException {
        String[] names = rows.getColumnsIndex().toArray();
        if (first) {
            header(List.of(names), out);
        }
        Object[] row = new Object[names.length];
        for (int r = 0; r < rows.height(); r++) {
            for (int c = 0; c < names.length; c++) {
                row[c] = rows.get(c, r);
            }
            row(row, out);
        }
        return Written.all(rows.height());
    }

    void header(List<String> names, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            sb.append(sb.length() > 0 ? "," : "").append(field(n));
        }
        out.write(sb.append("\r\n").toString());
    }

    void row(Object[] values, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            String s = Cells.text(v);
            sb.append(c > 0 ? "," : "").append(neutralize && !(v instanceof Number) && isFormula(s) ? quote("'" + s) : field(s));
        }
        out.write(sb.append("\r\n").toString());
    }

    /** Whether a spreadsheet would take {@code s} as a formula (or a DDE payload). */
    public static boolean isFormula(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return quote(s);
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
