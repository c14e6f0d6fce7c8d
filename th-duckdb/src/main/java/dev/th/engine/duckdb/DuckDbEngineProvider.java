package dev.th.engine.duckdb;

import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded default: {@code <dataDir>/th.duckdb}, found through ServiceLoader. */
public final class DuckDbEngineProvider implements EngineProvider {
    /** The store's file name inside the data directory. */
    public static final String FILE = "th.duckdb";

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public boolean accepts(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(FILE));
    }

    @Override
    public QueryEngine open(Path dataDir) {
        return new DuckDbEngine(dataDir.resolve(FILE));
    }
}
