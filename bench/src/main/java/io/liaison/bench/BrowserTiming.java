package io.liaison.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Pages timed in Debian's chromium, headless, through its chromedriver (explicit paths, nothing downloaded): the
 * browser's own Navigation Timing of each load, and how long a page's script takes to draw what it fetched.
 */
final class BrowserTiming {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private BrowserTiming() {}

    /** A headless chromium, as the browser tests start it. */
    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Signs in through the form. */
    static void signIn(WebDriver browser, String base, String user, String password) {
        browser.get(base + "/login");
        browser.findElement(By.name("user")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/search"));
    }

    /**
     * Navigation Timing of each page, sorted, in nanoseconds from the navigation's start: responseStart,
     * domContentLoadedEventEnd, the end of the last resource the page loaded (style sheet, scripts), loadEventEnd.
     */
    record Loads(long[][] response, long[][] dom, long[][] resources, long[][] load) {}

    /** 5 uncounted rounds, then {@code rounds} rounds of one navigation to each page in a rotating order. */
    static Loads loads(WebDriver browser, int rounds, List<IntFunction<String>> pages, List<String> expect) {
        for (int i = 0; i < 5; i++) {
            for (IntFunction<String> page : pages) {
                navigate(browser, page.apply(10_000 + i), "");
            }
        }
        long[][] response = new long[pages.size()][rounds];
        long[][] dom = new long[pages.size()][rounds];
        long[][] resources = new long[pages.size()][rounds];
        long[][] load = new long[pages.size()][rounds];
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < pages.size(); k++) {
                int p = (i + k) % pages.size();
                double[] t = navigate(browser, pages.get(p).apply(i), expect.get(p));
                response[p][i] = (long) (t[0] * 1e6);
                dom[p][i] = (long) (t[1] * 1e6);
                resources[p][i] = (long) (t[2] * 1e6);
                load[p][i] = (long) (t[3] * 1e6);
            }
        }
        for (int p = 0; p < pages.size(); p++) {
            response[p] = Stats.sorted(response[p]);
            dom[p] = Stats.sorted(dom[p]);
            resources[p] = Stats.sorted(resources[p]);
            load[p] = Stats.sorted(load[p]);
        }
        return new Loads(response, dom, resources, load);
    }

    /**
     * Loads {@code url}; returns its responseStart, domContentLoadedEventEnd, the last resource's responseEnd and
     * loadEventEnd, in ms from the navigation's start.
     */
    static double[] navigate(WebDriver browser, String url, String expectPath) {
        browser.get(url);
        if (!browser.getCurrentUrl().contains(expectPath)) {
            throw new IllegalStateException(url + " ended at " + browser.getCurrentUrl());
        }
        JavascriptExecutor js = (JavascriptExecutor) browser;
        for (int tries = 0; tries < 200; tries++) {
            Object o = js.executeScript("var n = performance.getEntriesByType('navigation')[0];"
                    + "var r = performance.getEntriesByType('resource').reduce(function (m, e) {"
                    + " return Math.max(m, e.responseEnd); }, 0);"
                    + "return n && n.loadEventEnd > 0 ? [n.responseStart, n.domContentLoadedEventEnd, r, n.loadEventEnd]"
                    + " : null;");
            if (o instanceof List<?> l) {
                double[] t = new double[4];
                for (int i = 0; i < 4; i++) {
                    t[i] = ((Number) l.get(i)).doubleValue();
                }
                return t;
            }
            LockSupport.parkNanos(5_000_000);
        }
        throw new IllegalStateException("no navigation timing for " + url);
    }

    /**
     * {@code rounds} loads of a page that draws what it fetches (the picture): from the navigation's start to the
     * page's {@code picture-drawn} mark (the first full picture drawn) and to its {@code land-drawn} mark (the
     * coastlines, drawn next), each sorted, in nanoseconds; 3 uncounted loads first.
     */
    static long[][] drawn(WebDriver browser, int rounds, String url) {
        long[][] out = new long[2][rounds];
        for (int i = -3; i < rounds; i++) {
            browser.get(url);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            Object marks = null;
            for (int tries = 0; tries < 6_000 && marks == null; tries++) {
                marks = js.executeScript("var p = performance.getEntriesByName('picture-drawn');"
                        + "var l = performance.getEntriesByName('land-drawn');"
                        + "return p.length && l.length ? [p[0].startTime, l[0].startTime] : null;");
                if (marks == null) {
                    LockSupport.parkNanos(5_000_000);
                }
            }
            if (!(marks instanceof List<?> m)) {
                throw new IllegalStateException(url + " drew nothing within 30 s");
            }
            if (i >= 0) {
                out[0][i] = (long) (((Number) m.get(0)).doubleValue() * 1e6);
                out[1][i] = (long) (((Number) m.get(1)).doubleValue() * 1e6);
            }
        }
        return new long[][] {Stats.sorted(out[0]), Stats.sorted(out[1])};
    }
}
