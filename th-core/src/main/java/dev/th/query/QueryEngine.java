package dev.th.query;

/**
 * Runs queries of the query model on a store. One engine per data directory; thread-safe for
 * reads. DuckDB is the embedded default (module th-duckdb); a Spark engine can implement the
 * same interface.
 */
public interface QueryEngine extends AutoCloseable {

    /** The engine's name, e.g. {@code duckdb}. */
    String name();

    /** The dialect this engine's SQL is written in. */
    SqlDialect dialect();

    /** Runs a query and returns all its rows. */
    Table execute(Query query);

    /**
     * Runs a query whose rows are read as the cursor is consumed, so that an answer of any size
     * passes through bounded memory. By default (an engine that cannot stream) the rows of
     * {@link #execute}.
     */
    default RowCursor open(Query query) {
        return RowCursor.of(execute(query));
    }

    /** Whether the store has the table (e.g. {@code ioas}, filled by hunting). */
    boolean hasTable(String table);

    @Override
    void close();
}
