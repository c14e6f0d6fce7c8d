package dev.th.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.dflib.DataFrame;

/** JSON lines: one object per row on its own line, keyed by the answer's columns in order. */
public final class JsonLinesWriter implements RowWriter {
    @Override
    public Written write(DataFrame rows, Writer out) throws IOException {
        String[] names = rows.getColumnsIndex().toArray();
        for (int r = 0; r < rows.height(); r++) {
            try (JsonGenerator g = Cells.mapper().createGenerator(out)) {
                g.writeStartObject();
                for (int c = 0; c < names.length; c++) {
                    g.writeFieldName(names[c]);
                    Cells.json(g, names[c], rows.get(c, r));
                }
                g.writeEndObject();
            }
            out.write('\n');
        }
        return Written.all(rows.height());
    }
}
