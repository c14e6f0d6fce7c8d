package dev.th.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dflib.DataFrame;

/**
 * A timeline for Timesketch, as JSON lines or CSV: every row gets Timesketch's required
 * {@code message} (see {@link Messages}), {@code datetime} (ISO-8601 UTC) and
 * {@code timestamp_desc} (what the time is), and {@code timestamp} (microseconds since the
 * epoch), then the answer's own columns. Rows without a time are left out and counted.
 */
public final class TimesketchWriter implements RowWriter {
    private static final List<String> OWN = List.of("message", "datetime", "timestamp_desc", "timestamp");
    private final boolean csv;

    private TimesketchWriter(boolean csv) {
        this.csv = csv;
    }

    /** Timesketch JSONL. */
    public static TimesketchWriter jsonl() {
        return new TimesketchWriter(false);
    }

    /** Timesketch CSV (formulas neutralized, see {@link CsvWriter}). */
    public static TimesketchWriter csv() {
        return new TimesketchWriter(true);
    }

    @Override
    public Written write(DataFrame rows, Writer out) throws IOException {
        return append(rows, out, true);
    }

    @Override
    public Written append(DataFrame rows, Writer out, boolean first) throws IOException {
        String format = csv ? "the Timesketch CSV export" : "the Timesketch export";
        TimeColumn time = TimeColumn.of(rows, format);
        String[] names = rows.getColumnsIndex().toArray();
        List<String> columns = new ArrayList<>(OWN);
        for (String n : names) {
            columns.add(OWN.contains(n) ? "th_" + n : n);
        }
        CsvWriter table = CsvWriter.safe();
        if (csv && first) {
            table.header(columns, out);
        }
        int t = List.of(names).indexOf(time.name());
        long skipped = 0;
        long written = 0;
        for (int r = 0; r < rows.height(); r++) {
            Instant when = Cells.instant(rows.get(t, r));
            if (when == null) {
                skipped++;
                continue;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < names.length; c++) {
                row.put(names[c], rows.get(c, r));
            }
            Object[] values = new Object[columns.size()];
            values[0] = Messages.of(row, time.name());
            values[1] = when.toString();
            values[2] = time.description();
            values[3] = ChronoUnit.MICROS.between(Instant.EPOCH, when);
            for (int c = 0; c < names.length; c++) {
                values[OWN.size() + c] = row.get(names[c]);
            }
            if (csv) {
                table.row(values, out);
            } else {
                json(columns, values, out);
            }
            written++;
        }
        return new Written(written, skipped, skipped == 0 ? null
                : skipped + " rows without a " + time.name() + " left out (Timesketch needs a time on every event)");
    }

    private static void json(List<String> columns, Object[] values, Writer out) throws IOException {
        try (JsonGenerator g = Cells.mapper().createGenerator(out)) {
            g.writeStartObject();
            for (int c = 0; c < values.length; c++) {
                g.writeFieldName(columns.get(c));
                Cells.json(g, columns.get(c), values[c]);
            }
            g.writeEndObject();
        }
        out.write('\n');
    }
}
