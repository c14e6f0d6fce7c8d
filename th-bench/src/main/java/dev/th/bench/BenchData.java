package dev.th.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a benchmark finds the project's test data when it is not given a folder: the folder named by
 * {@code -Dth.shared} or {@code $TH_SHARED}, else a folder {@code shared} beside the checkout (the
 * working directory's sibling). A user's clone has none: then the benchmark stops and says to pass a
 * folder of logs.
 */
final class BenchData {
    private BenchData() {
    }

    /** The shared folder (holding {@code data/} and {@code tools/}). */
    static Path shared() {
        String named = System.getProperty("th.shared", System.getenv("TH_SHARED"));
        Path dir = named != null ? Path.of(named) : Path.of("").toAbsolutePath().resolveSibling("shared");
        if (!Files.isDirectory(dir.resolve("data"))) {
            throw new IllegalArgumentException("no test data in " + dir.resolve("data") + " (the shared folder beside a"
                    + " development checkout): pass a folder of logs, or name the shared folder with -Dth.shared=DIR");
        }
        return dir;
    }

    /** {@code shared()/data}: the real logs. */
    static Path data() {
        return shared().resolve("data");
    }
}
