package dev.th;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * The seed's THCollection: the typed rows of an answer, iterable, and convertible to a DFLib
 * {@link DataFrame} with exactly the seed's columns in the seed's order ({@link #frame()}).
 * When a period hid all the data, {@link #emptyBecause()} says which period holds it.
 *
 * @param <T> the row type ({@link Process}, {@link Connection}, {@link Registry}, ...)
 */
public final class Hits<T extends Row> implements Iterable<T> {
    private final List<String> columns;
    private final List<T> rows;
    private final String emptyBecause;
    private final String note;
    /** Every row of the answer when {@link #list()} is one page of it; -1 when it is the whole answer. */
    private long total = -1;

    Hits(List<String> columns, List<T> rows, String emptyBecause) {
        this(columns, rows, emptyBecause, null);
    }

    Hits(List<String> columns, List<T> rows, String emptyBecause, String note) {
        this.columns = List.copyOf(columns);
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
        this.emptyBecause = emptyBecause;
        this.note = note;
    }

    /** One page of an answer of {@code total} rows ({@link Ask#page}). */
    static <T extends Row> Hits<T> paged(List<String> columns, List<T> page, String emptyBecause, String note, long total) {
        Hits<T> h = new Hits<>(columns, page, emptyBecause, note);
        h.total = total;
        return h;
    }

    /** How many rows the whole answer has: more than {@link #size()} when this is one page of it ({@link Ask#page}). */
    public long total() {
        return total < 0 ? rows.size() : total;
    }

    /** Whether this is one page of the answer ({@link Ask#page}), not all of it. */
    public boolean isPage() {
        return total >= 0;
    }

    /**
     * What the answer cannot tell though it has rows: e.g. that its period reaches days the
     * machine's logs do not cover (no data there is not no activity). Empty when nothing is to say.
     */
    public Optional<String> note() {
        return Optional.ofNullable(note);
    }

    /** The seed's columns of this answer, in order (the columns of {@link #frame()}). */
    public List<String> columns() {
        return columns;
    }

    /** The rows. */
    public List<T> list() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public T get(int i) {
        return rows.get(i);
    }

    @Override
    public Iterator<T> iterator() {
        return rows.iterator();
    }

    /**
     * Why the answer is empty when the data exists outside the asked period: which period
     * holds it (e.g. "nothing in period today (2026-11-24); the matching data is in
     * 2020-10-23..2020-10-23"). Empty when the answer has rows or no period hid anything.
     */
    public Optional<String> emptyBecause() {
        return Optional.ofNullable(emptyBecause);
    }

    /** The rows as a DataFrame with the seed's columns in the seed's order. */
    public DataFrame frame() {
        return frame(columns, rows);
    }

    /** {@code rows} as a DataFrame of {@code columns} (e.g. a batch of a streamed answer, {@link Ask#stream()}). */
    public static DataFrame frame(List<String> columns, List<? extends Row> rows) {
        List<Series<?>> series = new ArrayList<>();
        for (String c : columns) {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.get(i).get(c);
            }
            series.add(Series.of(values));
        }
        return DataFrame.byColumn(columns.toArray(new String[0])).ofIterable(series);
    }

    /**
     * The answer's default picture (the seed's {@code print_dataframe()}): communications on a
     * world map, IoAs as a pie (one day) or bars (longer), an execution tree with its IoAs on
     * the nodes, histograms as stacked bars, a table for the rest. Needs module th-views on the
     * class path.
     */
    public Chart chart() {
        for (ChartProvider p : java.util.ServiceLoader.load(ChartProvider.class)) {
            return p.chart(this);
        }
        throw new IllegalStateException("no chart provider on the class path (add the th-views module)");
    }

    /** {@link #chart()} written to {@code file} as one self-contained HTML page; returns the file. */
    public java.nio.file.Path chart(java.nio.file.Path file) {
        return chart().save(file);
    }

    @Override
    public String toString() {
        return "Hits" + columns + " x " + rows.size();
    }
}
