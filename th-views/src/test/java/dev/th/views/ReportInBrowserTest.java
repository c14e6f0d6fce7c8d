package dev.th.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.th.query.EngineProvider;
import dev.th.query.QueryEngine;
import dev.th.views.report.Report;
import dev.th.views.report.ReportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report of the view store opened in headless Chromium: a clean console, nothing hostile
 * run, a strict Content-Security-Policy, and its parts checked against plain SQL on the store.
 */
class ReportInBrowserTest {
    static Browser browser;
    static Path file;
    static String html;

    @BeforeAll
    static void build() throws Exception {
        Path dir = ViewStore.dir();
        EngineProvider provider = ServiceLoader.load(EngineProvider.class).findFirst().orElseThrow();
        try (QueryEngine engine = provider.open(dir)) {
            Page page = Report.build(engine, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), ReportOptions.defaults());
            file = page.save(ChartsInBrowserTest.OUT.resolve("report.html"));
        }
        html = Files.readString(file);
        browser = Browser.start();
        browser.open(file);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    static JsonNode section(String titleStart) throws Exception {
        JsonNode sections = browser.eval("window.thSpec.sections");
        for (JsonNode s : sections) {
            if (s.get("title").asText().startsWith(titleStart)) {
                return s;
            }
        }
        throw new AssertionError("no part titled " + titleStart);
    }

    @Test
    void opens_clean_under_a_strict_content_security_policy() throws Exception {
        assertEquals(List.of(), browser.errors());
        assertTrue(browser.eval("window.__pwned === undefined").asBoolean());
        String csp = browser.eval("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content").asText();
        assertTrue(csp.startsWith("default-src 'none'; script-src 'sha256-"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertFalse(html.contains("http://") && html.contains("<script src"), "no external script");
        assertEquals(0, browser.eval("document.querySelectorAll('script[src], link[href], img[src]').length").asInt());
        browser.screenshot(ChartsInBrowserTest.OUT.resolve("report.png"));
    }

    @Test
    void machines_and_ioas_match_the_store() throws Exception {
        Path dir = ViewStore.dir();
        long machines = StoreSql.count(dir, "SELECT count(DISTINCT Muid) FROM events");
        long ioas = StoreSql.count(dir, "SELECT count(*) FROM ioas WHERE NOT excluded");
        long lsass = StoreSql.count(dir, "SELECT count(*) FROM ioas WHERE NOT excluded AND mitre LIKE '%T1003.001 LSASS Memory%'");
        String machinesId = section("Machines").get("id").asText();
        assertEquals(machines, browser.eval("document.querySelectorAll('#" + machinesId + " tbody tr').length").asLong());
        String sevId = section("IoAs by severity").get("id").asText();
        long drawn = browser.eval("(function(){var o=window.thCharts['" + sevId + "'].getOption();var n=0;o.series.forEach(function(s){"
                + "s.data.forEach(function(d){n+=(typeof d==='object'&&d!==null)?d.value:d;});});return n;})()").asLong();
        assertEquals(ioas, drawn);
        JsonNode matrix = section("IoAs by ATT&CK technique").get("table");
        int col = -1;
        for (int i = 0; i < matrix.get("columns").size(); i++) {
            if (matrix.get("columns").get(i).asText().equals("credential-access")) {
                col = i;
            }
        }
        assertTrue(col >= 0, "credential-access is a column: " + matrix.get("columns"));
        boolean found = false;
        for (JsonNode r : matrix.get("rows")) {
            found |= r.get(col).asText().equals("T1003.001 LSASS Memory (" + lsass + ")");
        }
        assertTrue(found, "T1003.001 with " + lsass + " IoAs under credential-access: " + matrix);
    }

    @Test
    void trees_of_processes_with_ioas_have_them_on_their_nodes() throws Exception {
        JsonNode sections = browser.eval("window.thSpec.sections");
        int trees = 0;
        int marked = 0;
        for (JsonNode s : sections) {
            if (s.get("kind").asText().equals("tree")) {
                trees++;
                JsonNode nodes = browser.eval("(function(){var out=[];function w(n){out.push(n.ioas?n.ioas.length:0);(n.children||[]).forEach(w);}"
                        + "window.thCharts['" + s.get("id").asText() + "'].getOption().series[0].data.forEach(w);return out;})()");
                for (JsonNode n : nodes) {
                    marked += n.asInt() > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(trees > 0, "the report has execution trees");
        assertTrue(marked >= trees, "every tree has a node with IoAs (" + marked + " marked nodes in " + trees + " trees)");
    }

    @Test
    void hostile_command_lines_are_listed_as_text() throws Exception {
        String id = section("Rare command lines").get("id").asText();
        String text = browser.eval("document.getElementById('" + id + "').innerText").asText();
        long once = StoreSql.count(ViewStore.dir(), "SELECT count(*) FROM (SELECT CommandLine FROM events WHERE Family = 'process' "
                + "AND Operation = 'create' AND CommandLine IS NOT NULL GROUP BY CommandLine HAVING count(*) = 1)");
        assertTrue(once > 0);
        browser.eval("document.querySelectorAll('#" + id + " details').forEach(function(d){d.open=true;}), true");
        text = browser.eval("document.getElementById('" + id + "').innerText").asText();
        assertTrue(text.contains("--payload <b>bold</b>"), "the planted command line is shown as text");
        assertEquals(0, browser.eval("document.querySelectorAll('main b, main img, main svg:not(.x)').length - "
                + "document.querySelectorAll('main canvas ~ svg').length").asInt());
        assertTrue(browser.eval("window.__pwned === undefined").asBoolean());
    }
}
