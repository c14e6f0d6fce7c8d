package dev.th.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFrames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import org.dflib.DataFrame;

/**
 * Prints a result (a DFLib DataFrame) as an aligned text table, CSV (RFC 4180) or JSON (an array
 * of objects). Times are UTC: shown to the second in tables, in full ISO-8601 with {@code Z} in
 * CSV and JSON. Shared by every command that prints rows ({@code --format table|csv|json}).
 */
public final class Output {
    /** The formats a command can print. */
    public enum Format { table, csv, json }

    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The IoA column that holds a JSON document: JSON output nests it as an object, not a string. */
    private static final String NESTED_JSON = "details";

    private Output() {
    }

    /** Writes {@code df} to {@code out} in {@code format}, then flushes. */
    public static void print(DataFrame df, Format format, PrintWriter out) {
        switch (format) {
            case table -> table(df, out);
            case csv -> csv(df, out);
            case json -> json(df, out);
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        out.flush();
    }

    /** Writes IoAs in {@code format}: the short columns in a table, every output column in CSV and JSON. */
    static void ioas(List<Ioa> ioas, Format format, PrintWriter out) {
        print(IoaFrames.of(ioas, format == Format.table ? Ioa.TABLE_COLUMNS : Ioa.OUTPUT_COLUMNS), format, out);
    }

    private static void table(DataFrame df, PrintWriter out) {
        String[] names = df.getColumnsIndex().toArray();
        int w = names.length;
        int h = df.height();
        String[][] cells = new String[h][w];
        int[] width = new int[w];
        boolean[] numeric = new boolean[w];
        for (int c = 0; c < w; c++) {
            width[c] = names[c].length();
            numeric[c] = h > 0;
            for (int r = 0; r < h; r++) {
                Object v = df.get(c, r);
                cells[r][c] = tableText(v);
                width[c] = Math.max(width[c], cells[r][c].length());
                numeric[c] &= v == null || v instanceof Number;
            }
        }
        line(out, names, width, numeric);
        String[] rule = new String[w];
        for (int c = 0; c < w; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(out, rule, width, new boolean[w]);
        for (String[] row : cells) {
            line(out, row, width, numeric);
        }
        out.println("(" + h + (h == 1 ? " row)" : " rows)"));
    }

    private static void line(PrintWriter out, String[] cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            sb.append(right[c] ? pad + cells[c] : c == cells.length - 1 ? cells[c] : cells[c] + pad);
        }
        out.println(sb);
    }

    private static String tableText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof LocalDateTime t) {
            return TABLE_TIME.format(t);
        }
        if (v instanceof Instant t) {
            return TABLE_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        return v.toString();
    }

    /** A single value in full (times in ISO-8601 UTC), as CSV and JSON show it. */
    static String text(Object v) {
        return fullText(v);
    }

    private static String fullText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof LocalDateTime t) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t) + "Z";
        }
        if (v instanceof TemporalAccessor) {
            return v.toString();
        }
        return v.toString();
    }

    private static void csv(DataFrame df, PrintWriter out) {
        String[] names = df.getColumnsIndex().toArray();
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < names.length; c++) {
            sb.append(c > 0 ? "," : "").append(csvField(names[c]));
        }
        out.print(sb.append("\r\n"));
        for (int r = 0; r < df.height(); r++) {
            sb.setLength(0);
            for (int c = 0; c < names.length; c++) {
                sb.append(c > 0 ? "," : "").append(csvField(fullText(df.get(c, r))));
            }
            out.print(sb.append("\r\n"));
        }
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static void json(DataFrame df, Writer out) {
        String[] names = df.getColumnsIndex().toArray();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (int r = 0; r < df.height(); r++) {
                g.writeStartObject();
                for (int c = 0; c < names.length; c++) {
                    Object v = df.get(c, r);
                    g.writeFieldName(names[c]);
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof Number || v instanceof Boolean) {
                        g.writeObject(v);
                    } else if (NESTED_JSON.equals(names[c]) && v instanceof String text && text.startsWith("{")) {
                        g.writeTree(JSON.readTree(text));
                    } else {
                        g.writeString(fullText(v));
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.flush();
            out.write(System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
