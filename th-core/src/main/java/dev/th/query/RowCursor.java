package dev.th.query;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a query read one at a time as they are consumed ({@link QueryEngine#open}): memory
 * holds the engine's current batch, not the answer. Close it (it holds a connection of the
 * engine until then).
 */
public interface RowCursor extends Iterator<Object[]>, AutoCloseable {
    /** The column names, in the order of each row's values. */
    List<String> columns();

    @Override
    void close();

    /** A cursor over rows already read (an engine that cannot stream). */
    static RowCursor of(Table t) {
        Iterator<Object[]> it = t.rows().iterator();
        return new RowCursor() {
            @Override
            public List<String> columns() {
                return t.columns();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object[] next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
