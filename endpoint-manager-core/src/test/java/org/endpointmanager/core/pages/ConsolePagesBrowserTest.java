package org.endpointmanager.core.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.endpointmanager.api.MacAddress;
import org.endpointmanager.core.EndpointManager;
import org.endpointmanager.core.config.ConfigLoader;
import org.endpointmanager.core.discovery.DiscoveryService;
import org.endpointmanager.core.discovery.Sighting;
import org.endpointmanager.core.discovery.SightingSource;
import org.endpointmanager.core.vendor.VendorRegistry;
import org.endpointmanager.testkit.TestingHostContext;
import org.endpointmanager.testkit.fixture.ExampleVendorPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console pages in a real Chromium against a real engine: log in, add a phone (a refused form
 * keeps what was typed), preview its file, show a template error at its line, adopt a discovered
 * phone, bulk-resync and watch every row get its result, import a CSV with a bad row. Screenshots
 * go to {@code target/screenshots/} (the README's images in {@code docs/images/} are copies).
 */
class ConsolePagesBrowserTest {

    private static final String UI = "/console/endpoint-manager/ui";

    @TempDir
    Path root;

    private EndpointManager engine;
    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        BrowserSupport.requireBrowser();
        TestingHostContext host = new TestingHostContext(root.resolve("host"));
        VendorRegistry vendors = new VendorRegistry();
        vendors.install(new ExampleVendorPlugin());
        engine = EndpointManager.create(ConfigLoader.parse("""
                provision_url_base = "http://127.0.0.1:8080/provision"
                [http]
                bind = "127.0.0.1"
                port = 0
                [sip]
                bind = "127.0.0.1"
                port = %d
                t1_ms = 100
                transaction_timeout_ms = 1600
                """.formatted(freePort()), "test.toml"), host, vendors, Clock.systemUTC());
        engine.start();
        driver = BrowserSupport.start(root.resolve("chrome-profile"));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + engine.port() + path;
    }

    private void login() {
        driver.get(url(UI + "/phones"));
        wait.until(ExpectedConditions.urlContains("/ui/login"));
        driver.findElement(By.id("token")).sendKeys(TestingHostContext.ADMIN_TOKEN);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/ui/phones"));
    }

    private void shot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void loginAddPreviewAdoptBulkAndImport() throws Exception {
        login();
        assertTrue(driver.findElement(By.id("who")).getText().contains("admin"));

        // Add a phone: first with a bad MAC (the error sits by the field, the typing stays), then right.
        driver.findElement(By.cssSelector("#add-device-box summary")).click();
        driver.findElement(By.id("d-mac")).sendKeys("not-a-mac");
        new Select(driver.findElement(By.id("d-vendor"))).selectByValue("example");
        driver.findElement(By.id("d-model")).sendKeys("EP100");
        driver.findElement(By.id("d-label")).sendKeys("Reception");
        driver.findElement(By.id("d-extension")).sendKeys("1001");
        driver.findElement(By.cssSelector("#add-device button[type=submit]")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("d-mac-error")));
        assertTrue(error.getText().contains("MAC"), error.getText());
        assertEquals("true", driver.findElement(By.id("d-mac")).getAttribute("aria-invalid"));
        assertEquals("Reception", driver.findElement(By.id("d-label")).getDomProperty("value"));
        driver.findElement(By.id("d-mac")).clear();
        driver.findElement(By.id("d-mac")).sendKeys("02:E3:A1:00:00:01");
        driver.findElement(By.cssSelector("#add-device button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("/ui/phones/02e3a1000001"));
        wait.until(d -> "Reception".equals(d.findElement(By.id("e-label")).getDomProperty("value")));
        assertEquals(1, driver.findElements(By.cssSelector("#lines tbody tr")).size());

        // Preview its configuration.
        driver.findElement(By.id("preview-btn")).click();
        wait.until(d -> !d.findElement(By.id("preview-body")).getText().isBlank());
        assertTrue(driver.findElement(By.id("preview-diff")).getText().contains("nothing fetched yet"));
        shot("phone-detail");

        // A template error is shown at its line.
        driver.get(url(UI + "/templates"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("t-name"))).sendKeys("Broken");
        driver.findElement(By.id("t-raw")).sendKeys("# first line is a comment\n[nosuch]\nkey = 1");
        driver.findElement(By.cssSelector("#template-form button[type=submit]")).click();
        WebElement rawError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("t-raw-error")));
        assertTrue(rawError.getText().contains("line 2"), rawError.getText());
        assertEquals("2", driver.findElement(By.cssSelector("#t-raw")).findElement(By.xpath("..")).findElement(
                By.cssSelector(".gutter .err")).getText().strip());
        assertTrue(driver.findElement(By.id("t-raw")).getDomProperty("value").contains("[nosuch]"));

        // Preview the template being edited (not saved) for the phone added above.
        driver.findElement(By.id("t-raw")).clear();
        WebElement settings = driver.findElement(By.id("t-settings"));
        settings.clear();
        settings.sendKeys("{\"voicemail_number\": \"*55\"}");
        driver.findElement(By.id("t-preview-mac")).sendKeys("02:E3:A1:00:00:01");
        driver.findElement(By.id("t-preview")).click();
        wait.until(d -> d.findElement(By.id("t-preview-body")).getText().contains("voicemail=*55"));
        assertTrue(driver.findElement(By.id("t-preview-diff")).getText().contains("+voicemail=*55"),
                driver.findElement(By.id("t-preview-diff")).getText());
        shot("templates");

        // Adopt a discovered phone in one step.
        MacAddress found = MacAddress.parse("02e3a1000002");
        assertEquals(DiscoveryService.Outcome.RECORDED, engine.discovery().record(new Sighting(found, Optional.of(found),
                Optional.of("EP200"), Optional.of("2.0.1"), InetAddress.getByName("192.168.1.50"), SightingSource.PNP)));
        driver.get(url(UI + "/discovery"));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#discovered tr[data-mac='02:e3:a1:00:00:02']")));
        assertTrue(row.getText().contains("192.168.1.50"));
        assertTrue(row.getText().contains("2.0.1"));
        shot("discovery");
        row.findElement(By.name("extension")).sendKeys("1002");
        row.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("discovered"), "Adopted 02:e3:a1:00:00:02"));
        assertTrue(engine.database().devices().findByMac(found).isPresent());

        // Bulk resync of both phones; nothing is registered, so each row ends with its reason.
        driver.get(url(UI + "/phones"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#phones tr[data-mac]"), 2));
        wait.until(d -> Boolean.TRUE.equals(((ChromeDriver) d).executeScript(
                "return [...document.querySelectorAll('#phones .reg .badge')].every(b => b.textContent !== '…');")));
        driver.findElement(By.id("select-all")).click();
        assertEquals("2 selected", driver.findElement(By.id("selected-count")).getText());
        driver.findElement(By.cssSelector("[data-bulk=resync]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
            Object status = ((ChromeDriver) d).executeScript(
                    "const j = document.querySelector('#bulk-result .job'); return j && j.dataset.status;");
            return status != null && !List.of("queued", "running").contains(status);
        });
        List<WebElement> items = driver.findElements(By.cssSelector("#bulk-result .job-items tbody tr"));
        assertEquals(2, items.size());
        for (WebElement item : items) {
            String result = item.findElement(By.cssSelector(".badge")).getText();
            assertTrue(result.equals("ok") || result.equals("failed"), item.getText());
            if (result.equals("failed")) {
                assertFalse(item.findElements(By.tagName("td")).get(2).getText().isBlank(), "a failure names its reason");
            }
        }
        shot("phones-bulk-resync");

        // CSV import with one bad row: refused as a whole, the row error shows.
        driver.get(url(UI + "/import"));
        WebElement csv = wait.until(ExpectedConditions.elementToBeClickable(By.id("csv-text")));
        csv.clear();
        csv.sendKeys("mac,vendor,model,label,extension,template\n"
                + "02:e3:a1:00:00:03,example,EP100,Lobby,1003,\n"
                + "02:e3:a1:00:00:04,nosuchvendor,EP100,Back office,,\n"
                + "02:e3:a1:00:00:01,example,EP100,Front desk,,\n");
        driver.findElement(By.id("dry-run")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-summary"), "dry run"));
        assertTrue(driver.findElement(By.cssSelector("#report-rows tr[data-line='4']")).getText().contains("label"));
        driver.findElement(By.id("run-import")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-summary"), "Nothing was imported"));
        WebElement bad = driver.findElement(By.cssSelector("#report-rows tr[data-line='3']"));
        assertTrue(bad.getText().contains("vendor"), bad.getText());
        assertTrue(engine.database().devices().findByMac(MacAddress.parse("02e3a1000003")).isEmpty());
        assertEquals("Reception", engine.database().devices().findByMac(MacAddress.parse("02e3a1000001")).orElseThrow().label());
        shot("import-report");

        // Without the bad row the import goes through.
        csv = driver.findElement(By.id("csv-text"));
        csv.clear();
        csv.sendKeys("mac,vendor,model,label,extension,template\n02:e3:a1:00:00:03,example,EP100,Lobby,1003,\n");
        driver.findElement(By.id("run-import")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-summary"), "Imported."));
        assertTrue(engine.database().devices().findByMac(MacAddress.parse("02e3a1000003")).isPresent());

        driver.get(url(UI + "/dashboard"));
        wait.until(d -> !d.findElements(By.cssSelector("#compliance dd")).isEmpty()
                && !d.findElements(By.cssSelector("#by-vendor tbody tr")).isEmpty());
        shot("dashboard");
        driver.get(url(UI + "/phones"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#phones tr[data-mac]"), 3));
        shot("phones");

        // A phone-sized screen: the page itself does not scroll sideways (wide tables scroll in their box).
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#phones tr[data-mac]"), 3));
        Number overflow = (Number) driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0, overflow.intValue(), "horizontal overflow at 390 px");
        shot("phones-mobile");

        // Log out: the pages ask for a login again.
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/ui/login"));
        driver.get(url(UI + "/dashboard"));
        wait.until(ExpectedConditions.urlContains("/ui/login"));
    }
}
