package dev.th.query;

import java.nio.file.Path;

/**
 * Finds and opens a {@link QueryEngine} for a data directory. Implementations are registered
 * for {@link java.util.ServiceLoader} in {@code META-INF/services/dev.th.query.EngineProvider};
 * {@code TH.open} picks the provider with the highest {@link #priority()} that accepts the
 * directory.
 */
public interface EngineProvider {

    /** The engine's name, e.g. {@code duckdb}. */
    String name();

    /** Higher wins when several providers accept a directory. */
    default int priority() {
        return 0;
    }

    /** Whether this provider can open the store in {@code dataDir}. */
    boolean accepts(Path dataDir);

    /** Opens the store in {@code dataDir} for queries only (read-only where the engine allows it). */
    QueryEngine open(Path dataDir);

    /** The provider {@code TH.open} picks for {@code dataDir} (the highest priority that accepts it), or null when none does. */
    static EngineProvider best(Path dataDir) {
        EngineProvider best = null;
        for (EngineProvider p : java.util.ServiceLoader.load(EngineProvider.class)) {
            if (p.accepts(dataDir) && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        return best;
    }
}
