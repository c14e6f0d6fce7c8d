package dev.th.export;

import dev.th.Hits;
import dev.th.Row;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a streamed answer ({@code Ask.stream()}) in an export format a batch of rows at a time
 * ({@link RowWriter#append}): memory holds one batch of {@link #BATCH} rows, whatever the answer's
 * size. Not for the ATT&amp;CK Navigator layer, which sums the whole answer.
 */
public final class Streamed {
    /** Rows per batch. */
    public static final int BATCH = 10_000;

    private Streamed() {
    }

    /** Writes every row of {@code rows} (the answer's {@code columns}) to {@code out}; what was written and left out. */
    public static Written write(RowWriter writer, List<String> columns, Iterator<? extends Row> rows, Writer out)
            throws IOException {
        if (writer instanceof NavigatorLayerWriter) {
            throw new IllegalArgumentException("an ATT&CK Navigator layer sums the whole answer: it is not streamed");
        }
        Written done = null;
        List<Row> batch = new ArrayList<>(BATCH);
        while (rows.hasNext() || done == null) {
            batch.clear();
            while (batch.size() < BATCH && rows.hasNext()) {
                batch.add(rows.next());
            }
            Written w = writer.append(Hits.frame(columns, batch), out, done == null);
            done = done == null ? w : done.plus(w);
            out.flush();
        }
        return done;
    }
}
