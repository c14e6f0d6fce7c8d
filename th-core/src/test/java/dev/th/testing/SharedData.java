package dev.th.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real data in {@code ../shared/data} beside the checkout. Tests that need it call
 * {@link #require}, which skips the test with a message naming what is missing when it is absent
 * (a user's clone has no ../shared).
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared folder: system property {@code th.shared}, else {@code ../shared} upwards. */
    public static Path root() {
        String prop = System.getProperty("th.shared");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of("../shared").toAbsolutePath().normalize();
    }

    /** A path under {@code shared/data}; skips the calling test when it does not exist. */
    public static Path require(String relative) {
        Path p = root().resolve("data").resolve(relative);
        assumeTrue(Files.exists(p), () -> "skipped: " + p + " is missing (tests on real data need ../shared/data beside the checkout)");
        return p;
    }
}
