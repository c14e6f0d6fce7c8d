package dev.th.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real data in {@code ../shared/data} beside the checkout. Tests that need it call
 * {@link #require}, which skips the test with a message naming what is missing when it is absent
 * (a user's clone has no ../shared), and fails it instead when the environment variable
 * {@code CI} is set: a build server must not turn green with the data tests skipped.
 */
public final class SharedData {
    private SharedData() {
    }

    /**
     * The shared folder: system property {@code th.shared} when it holds {@code data/}, else the
     * first {@code shared} beside this folder or one of its parents (so Maven run from a module's
     * folder, where the build's {@code ../shared} names a folder inside the checkout, finds the
     * repository's), else {@code ../shared}.
     */
    public static Path root() {
        String prop = System.getProperty("th.shared");
        if (prop != null && Files.isDirectory(Path.of(prop).resolve("data"))) {
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

    /**
     * A path under {@code shared/data}; when it does not exist, skips the calling test, or fails it
     * when the environment variable {@code CI} is set.
     */
    public static Path require(String relative) {
        return require(relative, System.getenv("CI"));
    }

    /** {@link #require(String)} with the value of {@code CI} given (null: not set). */
    static Path require(String relative, String ci) {
        Path p = root().resolve("data").resolve(relative);
        if (!Files.exists(p)) {
            String why = p + " is missing (tests on real data need ../shared/data beside the checkout)";
            if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci.trim())) {
                fail("CI is set and " + why);
            }
            assumeTrue(false, () -> "skipped: " + why);
        }
        return p;
    }
}
