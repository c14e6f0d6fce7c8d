package dev.th.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.th.store.DuckDbStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (driven by Selenium through Debian's chromedriver)
 * against a real server on a random port over a store of two clients: acme (the comsvcs sample)
 * and beta (the PurpleSharp one). What the page must show is counted by SQL on the store first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path tmp;
    static Path dir;
    static ThServer server;
    static WebDriver browser;
    static String acmeTriage;
    static Set<String> acmeMuids = new HashSet<>();
    static String acmeIoa;

    @BeforeAll
    static void serverAndBrowser() throws Exception {
        for (Path p : List.of(CHROMIUM, DRIVER)) {
            if (!Files.isExecutable(p)) {
                String why = p + " is missing (the browser test needs Debian's chromium and chromium-driver; .ci/run installs them)";
                if (System.getenv("CI") != null && !System.getenv("CI").isBlank()) {
                    fail("CI is set and " + why);
                }
                assumeTrue(false, "skipped: " + why);
            }
        }
        dir = tmp.resolve("store");
        TestStores.ingest(dir, "acme", TestStores.samples().resolve("json/psh_lsass_memory_dump_comsvcs.zip"));
        TestStores.ingest(dir, "beta", TestStores.samples().resolve("json/purplesharp_pe_injection_createremotethread.zip"));
        try (DuckDbStore store = DuckDbStore.open(dir); Statement st = store.connection().createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT DISTINCT Muid FROM events WHERE ClientId = 'acme'")) {
                while (rs.next()) {
                    acmeMuids.add(rs.getString(1));
                }
            }
            acmeIoa = TestStores.text(st, "SELECT id FROM ioas WHERE clientId = 'acme' AND status = 'new' ORDER BY id LIMIT 1");
        }
        assertTrue(!acmeMuids.isEmpty() && acmeIoa != null, "acme has machines and a new IoA");
        acmeTriage = new Tokens(dir).create(List.of("acme"), "ingest", Tokens.DEFAULT_LIFETIME); // ingest: also triage
        server = ThServer.start(dir, "127.0.0.1", 0);

        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, o);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void signInSeeTheMachinesOpenOnePivotToAProcessAndTriageAnIoa() throws Exception {
        String base = "http://127.0.0.1:" + server.port();
        browser.get(base + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.findElement(By.id("login")).isDisplayed());
        browser.findElement(By.id("token")).sendKeys("th_not-a-token");
        browser.findElement(By.id("signin")).click();
        wait.until(d -> !d.findElement(By.id("message")).getText().isBlank());
        assertTrue(browser.findElement(By.id("login")).isDisplayed(), "a wrong token does not sign in");

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(acmeTriage);
        browser.findElement(By.id("signin")).click();
        wait.until(d -> d.findElements(By.cssSelector("#machines-table tbody tr")).size() == acmeMuids.size());
        Set<String> shown = new HashSet<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#machines-table tbody tr"))) {
            shown.add(tr.getAttribute("data-muid"));
        }
        assertEquals(acmeMuids, shown, "the machines of the token's client, and only them");
        assertFalse(browser.findElement(By.tagName("body")).getText().contains("beta"), "nothing of beta on the page");
        assertTrue(browser.manage().getCookieNamed(Sessions.COOKIE).isHttpOnly(), "the token is kept in an HttpOnly cookie");

        // a machine's executions, as many rows as the API answers
        browser.findElement(By.cssSelector("#machines-table tbody tr a")).click();
        wait.until(d -> !d.findElement(By.id("exec-total")).getText().isBlank());
        String muid = browser.getCurrentUrl().replaceAll(".*#machine/", "");
        JsonNode ex = JSON.readTree(TestStores.get(server, "/api/machines/" + muid + "/executions?limit=1000", acmeTriage).body());
        assertEquals(ex.path("rows").size(), browser.findElements(By.cssSelector("#exec-table tbody tr")).size());

        // pivot to a process: its page and its execution tree
        List<WebElement> processes = browser.findElements(By.cssSelector("#exec-table tbody tr a"));
        assertFalse(processes.isEmpty(), "an execution with a process GUID to pivot to");
        String name = processes.get(0).getText();
        processes.get(0).click();
        try {
            wait.until(d -> d.findElement(By.id("process")).isDisplayed() && !d.findElement(By.id("process-title")).getText().isBlank());
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the process page did not open: " + browser.findElement(By.id("message")).getText() + " at " + browser.getCurrentUrl());
        }
        assertTrue(browser.findElement(By.id("process-title")).getText().startsWith(name), browser.findElement(By.id("process-title")).getText());
        wait.until(d -> !d.findElements(By.cssSelector("#tree-table tbody tr")).isEmpty());

        // triage: set an IoA's status with a click; the API sees it, and so does the page after a reload
        browser.get(base + "/console/#ioas");
        By row = By.cssSelector("#ioas-table tbody tr[data-id='" + acmeIoa + "']");
        wait.until(d -> !d.findElements(row).isEmpty());
        new Select(browser.findElement(row).findElement(By.cssSelector("select.new-status"))).selectByValue("investigating");
        browser.findElement(row).findElement(By.cssSelector("button.set-status")).click();
        wait.until(d -> d.findElement(row).findElement(By.cssSelector("td.status")).getText().equals("investigating"));
        JsonNode page = JSON.readTree(TestStores.get(server, "/api/ioas?status=investigating", acmeTriage).body());
        Set<String> ids = new HashSet<>();
        page.path("rows").forEach(r -> ids.add(r.path("id").asText()));
        assertTrue(ids.contains(acmeIoa), "the change reached the store: " + ids);
        browser.navigate().refresh();
        wait.until(d -> !d.findElements(row).isEmpty());
        assertEquals("investigating", browser.findElement(row).findElement(By.cssSelector("td.status")).getText());
    }

    @Test
    @Order(2)
    void aChangeWithTheCookieButWithoutTheCsrfTokenIsRefused() throws Exception {
        // the cookie alone (as a forged cross-site form would send it) may not change anything
        var req = java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/ioas/" + acmeIoa + "?status=closed"))
                .header("Cookie", Sessions.COOKIE + "=" + acmeTriage)
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody());
        var res = TestStores.send(req, null);
        assertEquals(403, res.statusCode(), res.body());
        assertTrue(res.body().contains(Sessions.CSRF_HEADER), res.body());
        var session = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/session"))
                .header("Cookie", Sessions.COOKIE + "=" + acmeTriage).GET(), null);
        String csrf = JSON.readTree(session.body()).path("csrf").asText();
        var ok = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/ioas/" + acmeIoa + "?status=new"))
                .header("Cookie", Sessions.COOKIE + "=" + acmeTriage).header(Sessions.CSRF_HEADER, csrf)
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()), null);
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    @Order(3)
    void failedSignInsAreLimited() throws Exception {
        int last = 0;
        for (int i = 0; i <= Sessions.MAX_FAILURES; i++) {
            last = TestStores.send(java.net.http.HttpRequest.newBuilder(TestStores.uri(server, "/api/session"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"th_guess" + i + "\"}")), null).statusCode();
        }
        assertEquals(429, last, "the attempt past " + Sessions.MAX_FAILURES + " failures in a minute");
    }

    @Test
    @Order(4)
    void uploadALogFromTheConsoleAndSeeItIngested() throws Exception {
        // the Runas EVTX of the samples: python3-evtx reads 9 live records on FS03.offsec.lan
        // (reference-counts.json); TH also stores the older records it recovers from the chunks' slack
        Path evtx = TestStores.samples().resolve("evtx/ID4688_4648_4624-Runas_execution_with_different_user.evtx");
        browser.get("http://127.0.0.1:" + server.port() + "/console/#uploads");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
        // the page redraws the table while it polls the job: a row read during a redraw is stale
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("uploads")).isDisplayed());
        browser.findElement(By.id("upload-file")).sendKeys(evtx.toAbsolutePath().toString());
        browser.findElement(By.id("upload-send")).click();
        By row = By.cssSelector("#uploads-table tbody tr");
        try {
            wait.until(d -> !d.findElements(row).isEmpty()
                    && d.findElement(row).findElement(By.cssSelector("td.state")).getText().equals("done"));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the upload is not done: " + browser.findElement(By.id("message")).getText() + " "
                    + browser.findElement(By.id("uploads-table")).getText());
        }
        List<String> cells = wait.until(d -> d.findElement(row).findElements(By.tagName("td")).stream()
                .map(WebElement::getText).toList());
        long read = Long.parseLong(cells.get(5));
        long stored = Long.parseLong(cells.get(6));
        long rejected = Long.parseLong(cells.get(7));
        long duplicates = Long.parseLong(cells.get(8));
        assertEquals(read, stored + rejected + duplicates, "read = stored + rejected + duplicates on the page");
        assertTrue(stored >= 9, "the 9 live records at least: " + stored);
        browser.get("http://127.0.0.1:" + server.port() + "/console/#machines");
        wait.until(d -> d.findElements(By.cssSelector("#machines-table tbody tr")).size() == acmeMuids.size() + 1);
        assertTrue(browser.findElement(By.id("machines-table")).getText().contains("FS03.offsec.lan"),
                browser.findElement(By.id("machines-table")).getText());
    }
}
