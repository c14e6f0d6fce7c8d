package dev.th.lake;

import dev.th.fixture.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The object model's specification tests (th-duckdb's test jar) on Spark: each test store is
 * exported into a lake of its own ({@code th lake export}'s code), again whenever a test opens it,
 * so that a store a test changed is asked as changed. Run by th-spark's failsafe execution
 * {@code spec-on-spark} with {@code -Dth.test.engine=spark}.
 */
public final class LakeMirror implements Stores.Mirror {
    private static final Map<Path, Path> LAKES = new HashMap<>();

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public Path copy(Path store) {
        synchronized (LAKES) {
            Path lake = LAKES.computeIfAbsent(store.toAbsolutePath(), s -> {
                try {
                    Path dir = Files.createTempDirectory("th-spec-lake");
                    Stores.deleteOnExit(dir);
                    return dir;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            LakeExport.run(store, lake);
            return lake;
        }
    }
}
