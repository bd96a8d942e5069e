package dev.iotlocal.it;

import dev.iotlocal.junit.IotLocalExtension;
import dev.iotlocal.junit.TestMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo page and the dashboard in a real browser: Debian's Chromium, headless, driven by Selenium through
 * Debian's chromedriver (.ci/run installs both; elsewhere the test is skipped unless CI is set).
 */
class BrowserDemoIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @RegisterExtension
    static final IotLocalExtension iot = IotLocalExtension.newInstance()
            .config(System.getProperty("iotlocal.example.config"))
            .functionEnvironment("mqtt", Map.of("IDLE_TIMEOUT_SECONDS", "5"))
            .build();

    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void openBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertThat(present).as("CI installs chromium and chromium-driver (see .ci/run)").isTrue();
        }
        assumeTrue(present, "Debian's chromium and chromium-driver are not installed: skipping the browser test");
        profile = Files.createTempDirectory("iotlocal-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theDemoPageGetsItsPongAndTheDashboardShowsTheTraffic() {
        String edge = iot.iot().edgeUri().toString();
        browser.get(edge + "/_iotlocal/demo");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "PONG received"));
        assertThat(browser.findElement(By.id("log")).getText()).contains("function ready", "PONG in");

        browser.get(edge + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-state"), "live"));
        assertThat(browser.findElement(By.id("service")).getText()).contains("foobar", "dev");
        assertThat(browser.findElement(By.id("functions")).getText()).contains("foobar-dev-session", "foobar-dev-mqtt");
        assertThat(browser.findElement(By.id("invocations")).getText()).contains("foobar-dev-session");

        // Pushed, not polled: a message published now and a client connecting now appear without a reload.
        iot.iot().publish("dashboard/check", "{\"hello\":\"dashboard\"}".getBytes(), 0);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "dashboard/check"));
        try (TestMqttClient client = iot.mqttClient("dashboard-watcher")) {
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("clients"), "dashboard-watcher"));
        }
    }
}
