package dev.th.export;

import dev.th.Hits;
import java.io.IOException;
import java.io.Writer;
import org.dflib.DataFrame;

/**
 * Writes the rows of an answer in one export format. Works on any {@link Hits} (its
 * {@link Hits#frame() frame}) or any DataFrame of TH's columns (e.g. IoAs from
 * {@code IoaFrames}). The writer does not close {@code out}.
 */
public interface RowWriter {
    /** Writes {@code rows} to {@code out}; says what was left out, if anything. */
    Written write(DataFrame rows, Writer out) throws IOException;

    /**
     * Writes one more batch of a streamed answer ({@link Streamed}): as {@link #write}, except that
     * a format with a header row writes it only with the {@code first} batch.
     */
    default Written append(DataFrame rows, Writer out, boolean first) throws IOException {
        return write(rows, out);
    }

    /** Writes the rows of {@code hits}. */
    default Written write(Hits<?> hits, Writer out) throws IOException {
        return write(hits.frame(), out);
    }
}
