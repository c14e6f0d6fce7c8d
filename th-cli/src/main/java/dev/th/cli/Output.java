package dev.th.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.th.export.Cells;
import dev.th.export.EcsWriter;
import dev.th.export.ExportFormat;
import dev.th.export.RowWriter;
import dev.th.export.Written;
import dev.th.hunt.ioa.Ioa;
import dev.th.hunt.ioa.IoaFrames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dflib.DataFrame;
import picocli.CommandLine.TypeConversionException;

/**
 * Prints a result (a DFLib DataFrame) as an aligned text table ({@link TextTable}), JSON (an
 * array of objects) or one of the exports of {@link ExportFormat} (CSV, JSON lines, Timesketch,
 * ATT&CK Navigator, ECS). Times are UTC: shown to the second in tables, in full ISO-8601 with
 * {@code Z} elsewhere. Shared by every command that prints rows ({@code --format}).
 */
public final class Output {
    /** The formats a command can print ({@code --format}). */
    public enum Format {
        table, csv, json, jsonl, timesketch, timesketch_csv, navigator, ecs;

        /** Whether rows in this format are written as they are read (line formats: no bound on the answer's size). */
        boolean streams() {
            return this == csv || this == jsonl || this == timesketch || this == timesketch_csv || this == ecs;
        }

        /** The name {@code --format} takes ({@code timesketch-csv}). */
        String label() {
            return name().replace('_', '-');
        }

        /** All names, for help and errors. */
        static String labels() {
            List<String> l = new ArrayList<>();
            for (Format f : values()) {
                l.add(f.label());
            }
            return String.join(", ", l);
        }

        /** Parses a {@code --format} value; an error with the allowed names (and the closest one) otherwise. */
        static Format parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (Format f : values()) {
                if (f.name().equals(t)) {
                    return f;
                }
            }
            List<String> names = new ArrayList<>();
            for (Format f : values()) {
                names.add(f.label());
            }
            throw new TypeConversionException("unknown format '" + text + "'" + Suggest.didYouMean(text, names) + "; allowed: " + labels());
        }
    }

    /** Jackson's mapper, made on first use (a table never needs it: start-up time). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    private Output() {
    }

    /** Writes {@code df} to {@code out} in {@code format}, then flushes; returns what the export left out, or null. */
    public static String print(DataFrame df, Format format, PrintWriter out) {
        return print(df, format, out, null);
    }

    /**
     * Writes {@code df} in {@code format}; {@code family} (process, file, registry, network, alert,
     * detection, or null to infer it) names the ECS fields of an answer. Returns what the export
     * left out (for stderr), or null.
     */
    static String print(DataFrame df, Format format, PrintWriter out, String family) {
        try {
            String note = switch (format) {
                case table -> {
                    new TextTable(Terminal.current()).print(df, out);
                    yield null;
                }
                case json -> {
                    json(df, out);
                    yield null;
                }
                default -> note(writer(format, family).write(df, out));
            };
            out.flush();
            return note;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a streamed answer wrote: its rows and the export's account. */
    record Streamed(long rows, Written written) {
    }

    /**
     * Writes every row of {@code q} in {@code format} (one of {@link Format#streams()}) as the store
     * hands them over ({@link dev.th.Ask#stream()}, {@link dev.th.export.Streamed}): memory holds one
     * batch, whatever the answer's size.
     */
    static Streamed stream(dev.th.Ask<?, ?> q, Format format, PrintWriter out, String family) {
        long[] n = {0};
        try (java.util.stream.Stream<? extends dev.th.Row> rows = q.stream()) {
            java.util.Iterator<? extends dev.th.Row> it = rows.peek(r -> n[0]++).iterator();
            Written w = dev.th.export.Streamed.write(writer(format, family), q.columns(), it, out);
            out.flush();
            return new Streamed(n[0], w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RowWriter writer(Format format, String family) {
        if (format == Format.ecs && family != null) {
            return EcsWriter.of(family);
        }
        return ExportFormat.of(format.label()).writer();
    }

    private static String note(Written w) {
        return w.note();
    }

    /** Writes IoAs in {@code format}: the short columns in a table, every output column otherwise (and the machine's name in timelines and ECS); returns the export's note or null. */
    static String ioas(List<Ioa> ioas, Format format, PrintWriter out) {
        List<String> columns = switch (format) {
            case table -> Ioa.TABLE_COLUMNS;
            case csv, json, jsonl -> Ioa.OUTPUT_COLUMNS;
            default -> withMachine(Ioa.OUTPUT_COLUMNS); // timelines and ECS name the host
        };
        DataFrame df = IoaFrames.of(ioas, columns);
        return print(df, format, out, "alert");
    }

    private static List<String> withMachine(List<String> columns) {
        List<String> c = new ArrayList<>(columns);
        c.add("machineName");
        return c;
    }

    /** A single value in full (times in ISO-8601 UTC), as CSV and JSON show it. */
    static String text(Object v) {
        return Cells.text(v);
    }


    private static void json(DataFrame df, Writer out) throws IOException {
        String[] names = df.getColumnsIndex().toArray();
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (int r = 0; r < df.height(); r++) {
                g.writeStartObject();
                for (int c = 0; c < names.length; c++) {
                    g.writeFieldName(names[c]);
                    Cells.json(g, names[c], df.get(c, r));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.flush();
            out.write(System.lineSeparator());
        }
    }
}
