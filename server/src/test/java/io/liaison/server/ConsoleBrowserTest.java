package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's chromium, headless, driven through its chromedriver (explicit paths;
 * nothing is downloaded), against a real node. Screenshots of each page go to {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;
    private ApiServer server;
    private io.liaison.federation.Federation federation;
    private WebDriver browser;
    private String base;
    private String launchId;

    @BeforeAll
    void start() throws Exception {
        created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
        node = created.open(clock);
        federation = io.liaison.federation.Federation.start(node, "127.0.0.1", 0);
        server = ApiServer.start(node, Optional.of(federation), Optional.empty(), "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        Http http = new Http(base);
        String admin = http.login("admin", TestNodes.ADMIN_PASSWORD);
        String officer = http.login("officer", TestNodes.OFFICER_PASSWORD);
        String kim = http.addUser(admin, officer, Map.of("name", "kim", "password", "a long password kim",
                "nationality", "KOR", "clearance", Map.of("level", "군사Ⅱ급비밀"), "roles", List.of("analyst",
                        "releasing-officer"),
                "duties", List.of("DPRK missile threat")));
        Http.Answer a = http.post("/api/items", kim, Map.of("title", "Launch from Sinpo", "text", "SLBM ejection test.",
                "label", Map.of("classification", "군사Ⅱ급비밀"), "purposes", List.of("DPRK missile threat")));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        launchId = a.json().path("id").asText();
        http.post("/api/items", kim, Map.of("title", "Launch drill schedule", "text", "Drills.", "label",
                Map.of("classification", "군사Ⅲ급비밀"), "purposes", List.of("DPRK missile threat")));
        Files.createDirectories(SHOTS);
        browser = Browsers.chromium();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
        federation.close();
        node.close();
        created.close();
    }

    private void shot(String name) throws Exception {
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private WebDriverWait waiting() {
        return Browsers.waiting(browser, Duration.ofSeconds(10));
    }

    @Test
    void anAnalystSignsIn_searches_andEveryPageCarriesTheBannersOfItsHighestLabel() throws Exception {
        browser.get(base + "/search?q=launch");
        waiting().until(ExpectedConditions.urlContains("/login"));
        shot("01-sign-in");
        browser.findElement(By.name("user")).sendKeys("kim");
        browser.findElement(By.name("password")).sendKeys("a long password kim");
        browser.findElement(By.cssSelector("form.login button")).click();
        waiting().until(ExpectedConditions.urlContains("/search"));
        WebElement q = browser.findElement(By.name("q"));
        q.sendKeys("launch");
        q.submit();
        waiting().until(ExpectedConditions.textToBe(By.id("total"), "2 item(s) you may read"));
        shot("02-search");
        for (String id : List.of("banner-top", "banner-bottom")) {
            WebElement banner = browser.findElement(By.id(id));
            assertThat(banner.getText()).isEqualTo("군사Ⅱ급비밀");
            // The policy's colours, from the node's style sheet: the CSP let it load, and no inline style was needed.
            assertThat(banner.getCssValue("background-color")).isEqualTo("rgba(200, 16, 46, 1)");
            assertThat(banner.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
        }
        assertThat(browser.findElements(By.cssSelector(".hits .portion"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder("Ⅱ급", "Ⅲ급");
        assertThat(browser.findElement(By.id("who")).getText())
                .isEqualTo("kim · KOR · cleared 군사Ⅱ급비밀 · duties: DPRK missile threat");

        // A facet narrows the search to one level, and counts only what kim may read.
        assertThat(browser.findElement(By.id("facet-level")).getText()).contains("군사Ⅲ급비밀 1").contains("군사Ⅱ급비밀 1")
                .doesNotContain("군사Ⅰ급비밀");
        browser.findElement(By.linkText("군사Ⅱ급비밀")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("total"), "1 item(s) you may read"));
        shot("18-search-facet");
        browser.findElement(By.linkText("Launch from Sinpo")).click();
        waiting().until(ExpectedConditions.urlContains("/items/" + launchId));
        shot("03-item");
        assertThat(browser.findElement(By.id("marking")).getText()).isNotBlank();
        assertThat(browser.findElement(By.cssSelector("pre.text")).getText()).isEqualTo("SLBM ejection test.");

        // A release: the decision and its reason before confirming, refused citing its rule, or allowed.
        browser.findElement(By.id("release")).click();
        waiting().until(ExpectedConditions.urlContains("/release"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("to"))).selectByValue("USA");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("agreement")))
                .selectByValue("jpn-kor-gsomia-2016");
        browser.findElement(By.cssSelector("button[value=preview]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("decision")));
        assertThat(browser.findElement(By.id("decision")).getText())
                .startsWith("REFUSED PARTY_NOT_IN_AGREEMENT [R18]: USA is not a party to agreement jpn-kor-gsomia-2016");
        assertThat(browser.findElements(By.id("confirm"))).isEmpty();
        shot("05-release-refused");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("to"))).selectByValue("JPN");
        browser.findElement(By.cssSelector("button[value=preview]")).click();
        waiting().until(ExpectedConditions.textMatches(By.id("decision"), java.util.regex.Pattern.compile("^ALLOWED.*")));
        assertThat(browser.findElement(By.id("decision")).getText()).startsWith("ALLOWED RELEASE_ALLOWED [R5]");
        assertThat(browser.findElement(By.id("confirm")).isDisplayed()).isTrue();
        shot("06-release-allowed");

        // A new item through the form, labelled as chosen.
        browser.findElement(By.linkText("New item")).click();
        waiting().until(ExpectedConditions.urlContains("/items/new"));
        browser.findElement(By.name("title")).sendKeys("Sighting at Sohae");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("classification"))).selectByValue("군사Ⅲ급비밀");
        browser.findElement(By.name("purposes")).sendKeys("DPRK missile threat");
        // The label is checked as it is typed: valid, with the banner it will carry, or the reason it is not.
        waiting().until(ExpectedConditions.textToBe(By.id("label-valid"), "Valid label: 군사Ⅲ급비밀"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("classification"))).selectByValue("군사Ⅰ급비밀");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("label-problems"),
                "your clearance 군사Ⅱ급비밀 is below 군사Ⅰ급비밀"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("classification"))).selectByValue("군사Ⅲ급비밀");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("label-valid")));
        browser.findElement(By.name("text")).sendKeys("Engine test stand active.");
        shot("07-new-item");
        browser.findElement(By.cssSelector("form.item-form button")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("banner-top"), "군사Ⅲ급비밀"));
        assertThat(browser.findElement(By.cssSelector("pre.text")).getText()).isEqualTo("Engine test stand active.");

        browser.get(base + "/items/kor-0000000000000000");
        assertThat(browser.findElement(By.id("message")).getText()).startsWith("There is no item kor-0000000000000000");
        shot("04-not-found");

        browser.findElement(By.cssSelector("form.signout button")).click();
        waiting().until(ExpectedConditions.urlContains("/login"));
        browser.get(base + "/search");
        waiting().until(ExpectedConditions.urlToBe(base + "/login"));
        assertThat(browser.manage().getCookieNamed(io.liaison.server.console.Console.SESSION)).isNull();
    }

    @Test
    void anAuditEntrysProof_isCheckedByThePageItself() throws Exception {
        browser.manage().deleteAllCookies();
        Browsers.signIn(browser, base, "officer", TestNodes.OFFICER_PASSWORD);
        browser.get(base + "/audit");
        browser.findElement(By.cssSelector("#audit tbody tr a")).click();
        waiting().until(ExpectedConditions.textMatches(By.id("browser-check"), java.util.regex.Pattern.compile(
                "^(VERIFIED|FAILED|this browser).*")));
        assertThat(browser.findElement(By.id("browser-check")).getText()).startsWith("VERIFIED in this browser: entry");
        assertThat(browser.findElement(By.id("server-check")).getText()).startsWith("VERIFIED: entry");
        // The session's end, counted down in the header.
        assertThat(browser.findElement(By.id("session")).getText()).matches("session ends in [78] h \\d+ min");
        shot("16-audit-proof");
        browser.get(base + "/agreements/jpn-kor-gsomia-2016");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("2016-11-23 IN_FORCE");
        shot("17-agreement");
    }
}
