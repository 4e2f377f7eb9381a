package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the browser tests share: Debian's chromium, headless, driven through its chromedriver (explicit paths;
 * nothing is downloaded), signing in through the console's form, and screenshots under
 * {@code target/console-screenshots/}.
 */
final class Browsers {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "console-screenshots");

    private Browsers() {}

    /** A headless chromium; fails with what to install when it is missing. */
    static WebDriver chromium() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests need Debian's chromium and chromium-driver: apt-get install chromium "
                        + "chromium-driver (.ci/run and ./liaison test install them when they can)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in through the form at {@code base}; waits for the search page it leads to. */
    static void signIn(WebDriver browser, String base, String user, String password) {
        browser.get(base + "/login");
        browser.findElement(By.name("user")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.login button")).click();
        waiting(browser).until(ExpectedConditions.urlContains("/search"));
    }

    /**
     * Waits up to 15 s, polling through a page that is being replaced: an element found in the document a form's
     * submission leaves can be gone when its text is read, which chromium reports as a stale element or as "Node with
     * given id does not belong to the document" (an unknown error). Both are retried; a wait that times out still
     * names the last of them.
     */
    static WebDriverWait waiting(WebDriver browser) {
        return waiting(browser, Duration.ofSeconds(15));
    }

    /** As {@link #waiting(WebDriver)}, up to {@code timeout}. */
    static WebDriverWait waiting(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(WebDriverException.class); // stale elements among them
        return wait;
    }

    /** Keeps the page a failed test ended on (its address and source), beside the screenshots. */
    static void keepPage(WebDriver browser, String name) {
        try {
            Files.createDirectories(SHOTS);
            Files.writeString(SHOTS.resolve(name + ".html"), "<!-- " + browser.getCurrentUrl() + " -->\n"
                    + browser.getPageSource());
        } catch (Exception ignored) {
            // the failure itself is what matters
        }
    }

    static void shot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
