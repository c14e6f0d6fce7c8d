package dev.th.lake;

import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import java.nio.file.Path;

/** A lake (a folder with a committed {@code _th_lake} version), queried by Spark SQL. */
public final class SparkEngineProvider implements EngineProvider {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public boolean accepts(Path dataDir) {
        return Lake.isLake(dataDir);
    }

    @Override
    public QueryEngine open(Path dataDir) {
        return new SparkEngine(dataDir);
    }
}
