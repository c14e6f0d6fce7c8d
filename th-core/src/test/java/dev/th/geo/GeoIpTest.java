package dev.th.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.th.testing.GeoTestDb;
import dev.th.testing.MmdbWalker;
import java.io.BufferedReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GeoIp} over the installed DB-IP Lite database, checked against the database file itself
 * read by an independent test-only reader ({@link MmdbWalker}), and its ASN answers against the
 * ASN package's other CSV files (addresses as text, which TH does not read), scanned line by line.
 */
class GeoIpTest {
    /** Well-known public resolvers and sites, IPv4 and IPv6, and an IPv4-mapped IPv6 address. */
    static final List<String> WELL_KNOWN = List.of("8.8.8.8", "1.1.1.1", "9.9.9.9", "208.67.222.222", "151.101.1.69",
            "2001:4860:4860::8888", "2606:4700:4700::1111", "2620:fe::fe", "2a00:1450:4001:82b::200e", "::ffff:8.8.4.4");

    @Test
    void wellKnownAddressesAreWhereTheDatabaseFileSays() throws Exception {
        Path dir = GeoTestDb.require();
        MmdbWalker v4 = new MmdbWalker(dir.resolve(GeoIp.CITY_V4));
        MmdbWalker v6 = new MmdbWalker(dir.resolve(GeoIp.CITY_V6));
        assertEquals(4L, ((Number) v4.metadata().get("ip_version")).longValue());
        assertEquals(6L, ((Number) v6.metadata().get("ip_version")).longValue());
        try (GeoIp geo = GeoIp.at(dir)) {
            for (String ip : WELL_KNOWN) {
                byte[] a = InetAddress.getByName(ip).getAddress();
                Map<?, ?> expected = (Map<?, ?>) (a.length == 4 ? v4 : v6).lookup(a);
                assertNotNull(expected, ip + " is in the database file");
                Place p = geo.lookup(ip);
                assertNotNull(p, ip);
                assertSame(expected, p, ip);
            }
        }
    }

    @Test
    void thousandsOfRandomPublicAddressesAgreeWithTheFile() throws Exception {
        Path dir = GeoTestDb.require();
        MmdbWalker v4 = new MmdbWalker(dir.resolve(GeoIp.CITY_V4));
        MmdbWalker v6 = new MmdbWalker(dir.resolve(GeoIp.CITY_V6));
        Random r = new Random(20261203);
        int located = 0;
        try (GeoIp geo = GeoIp.at(dir)) {
            for (int i = 0; i < 3000; i++) {
                byte[] a = new byte[i % 3 == 0 ? 16 : 4];
                r.nextBytes(a);
                if (a.length == 16) {
                    a[0] = (byte) 0x2a; // 2a00::/8: RIPE's global unicast, densely allocated
                }
                String ip = InetAddress.getByAddress(a).getHostAddress();
                Map<?, ?> expected = (Map<?, ?>) (a.length == 4 ? v4 : v6).lookup(a);
                Place p = geo.lookup(ip);
                if (!"Public".equals(dev.th.normalize.IpClass.classify(ip))) {
                    assertNull(p, ip + " is not public: not looked up");
                    continue;
                }
                if (expected == null) {
                    assertTrue(p == null || p.latitude() == null, ip + ": the file has no place for it");
                    continue;
                }
                assertSame(expected, p, ip);
                located++;
            }
        }
        assertTrue(located > 1500, "most random public addresses are in the database: " + located);
    }

    private static void assertSame(Map<?, ?> expected, Place p, String ip) {
        assertEquals(blank(expected.get("country_code")), p.country(), ip + " country");
        assertEquals(blank(expected.get("city")), p.city(), ip + " city");
        assertEquals(blank(expected.get("state1")), p.region(), ip + " region");
        assertEquals(((Number) expected.get("latitude")).floatValue(), p.latitude().floatValue(), ip + " latitude");
        assertEquals(((Number) expected.get("longitude")).floatValue(), p.longitude().floatValue(), ip + " longitude");
    }

    private static String blank(Object o) {
        return o == null || o.toString().isBlank() ? null : o.toString();
    }

    @Test
    void asnOfWellKnownAddressesMatchesTheTextCsvAndPublicKnowledge() throws Exception {
        Path dir = GeoTestDb.require();
        try (GeoIp geo = GeoIp.at(dir)) {
            assertTrue(geo.hasAsn());
            // public knowledge, independent of any file: Google's and Cloudflare's resolvers
            assertEquals(15169L, geo.lookup("8.8.8.8").asn());
            assertEquals(13335L, geo.lookup("1.1.1.1").asn());
            assertEquals(15169L, geo.lookup("2001:4860:4860::8888").asn());
            assertEquals(13335L, geo.lookup("2606:4700:4700::1111").asn());
            for (String ip : WELL_KNOWN) {
                byte[] a = InetAddress.getByName(ip).getAddress();
                String[] row = textCsvRow(dir.resolve(a.length == 4 ? "asn-ipv4.csv" : "asn-ipv6.csv"), new BigInteger(1, a));
                assertNotNull(row, ip + " has a range in the text CSV");
                Place p = geo.lookup(ip);
                assertEquals(Long.parseLong(row[2]), p.asn(), ip + " asn");
                assertEquals(row[3], p.asOwner(), ip + " owner");
            }
        }
    }

    /** The last line of the text CSV whose range holds {@code a}: start,end,asn,owner (owner unquoted). */
    private static String[] textCsvRow(Path csv, BigInteger a) throws Exception {
        String[] hit = null;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", 4);
                BigInteger s = new BigInteger(1, InetAddress.getByName(f[0]).getAddress());
                if (s.compareTo(a) > 0) {
                    break;
                }
                BigInteger e = new BigInteger(1, InetAddress.getByName(f[1]).getAddress());
                if (e.compareTo(a) >= 0) {
                    String owner = f[3].startsWith("\"") ? f[3].substring(1, f[3].length() - 1).replace("\"\"", "\"") : f[3];
                    hit = new String[] {f[0], f[1], f[2], owner};
                }
            }
        }
        return hit;
    }

    @Test
    void privateAndNonAddressesAreNotLookedUp() {
        Path dir = GeoTestDb.require();
        try (GeoIp geo = GeoIp.at(dir)) {
            for (String ip : List.of("10.1.2.3", "192.168.1.1", "172.16.0.9", "127.0.0.1", "100.64.0.1", "169.254.1.1",
                    "::1", "fe80::1", "fd00::5", "::ffff:10.0.0.5", "example.com", "", "1.2.3", "999.1.1.1")) {
                assertNull(geo.lookup(ip), ip);
            }
            assertNull(geo.lookup(null));
        }
    }

    @Test
    void absentDatabaseAnswersNothingAndSaysHowToInstall(@TempDir Path tmp) {
        try (GeoIp geo = GeoIp.ofDataDir(tmp)) {
            assertFalse(geo.installed());
            assertFalse(geo.hasAsn());
            assertNull(geo.lookup("8.8.8.8"));
            assertTrue(geo.missing().contains("th geoip install --db " + tmp), geo.missing());
            assertTrue(geo.missing().contains(tmp.resolve("geoip").toString()), geo.missing());
        }
        assertTrue(GeoIp.at(tmp).missing().contains("th geoip install --dir " + tmp));
        assertFalse(GeoIp.none().installed());
    }

    @Test
    void aDamagedDatabaseIsAnErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve(GeoIp.CITY_V4), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Files.write(tmp.resolve(GeoIp.CITY_V6), new byte[] {1, 2, 3});
        try (GeoIp geo = GeoIp.at(tmp)) {
            assertTrue(geo.installed());
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> geo.lookup("8.8.8.8"));
            assertTrue(e.getMessage().contains(tmp.toString()) && e.getMessage().contains("th geoip install --dir"), e.getMessage());
        }
    }
}
