package dev.th.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.th.geo.GeoInstall;
import dev.th.geo.GeoIp;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The GeoIP database the tests read: in {@code target/geoip-test} of the checkout (system
 * property {@code th.geoip.test}, set by the build). When it is not installed, a test that needs
 * it is skipped with a message saying how to install it, except when the environment variable
 * {@code CI} is set: then the first test to need it installs it there with TH's own installer
 * (npm, as {@code th geoip install} does), and fails when that fails.
 */
public final class GeoTestDb {
    private GeoTestDb() {
    }

    /** The folder the tests use (installed or not). */
    public static Path dir() {
        String prop = System.getProperty("th.geoip.test");
        return prop != null ? Path.of(prop) : Path.of("target", "geoip-test").toAbsolutePath();
    }

    /** The folder holding the installed database; skips (or, in CI, installs) as the class says. */
    public static synchronized Path require() {
        Path dir = dir();
        if (GeoInstall.current(GeoIp.at(dir))) {
            return dir;
        }
        String ci = System.getenv("CI");
        if (ci == null || ci.isBlank() || "false".equalsIgnoreCase(ci.trim())) {
            assumeTrue(false, () -> "skipped: no GeoIP database in " + dir + " (install it with `th geoip install --dir "
                    + dir + "`; with CI set the tests install it)");
        }
        try {
            GeoInstall.install(dir, line -> System.err.println("GeoTestDb: " + line));
        } catch (IOException e) {
            fail("CI is set and the GeoIP database could not be installed in " + dir + ": " + e.getMessage());
        }
        if (!GeoInstall.current(GeoIp.at(dir))) {
            fail("CI is set and the GeoIP install left " + dir + " without the database");
        }
        return dir;
    }
}
