package dev.th;

/**
 * Makes the default chart of an answer; found through {@link java.util.ServiceLoader} (module
 * th-views provides one), as {@link dev.th.query.EngineProvider} finds engines.
 */
public interface ChartProvider {
    /** The default chart of {@code hits}. */
    Chart chart(Hits<? extends Row> hits);
}
