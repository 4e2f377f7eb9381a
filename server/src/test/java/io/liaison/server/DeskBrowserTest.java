package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.hotline.GeoPoint;
import io.liaison.core.hotline.Objectives;
import io.liaison.core.hotline.TrackUpdate;
import io.liaison.core.hotline.Velocity;
import io.liaison.core.hotline.Precedence;
import io.liaison.hotline.Hotline;
import io.liaison.hotline.HotlinePair;
import io.liaison.hotline.HotlineMessage;
import io.liaison.hotline.Messages;
import io.liaison.node.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hotline desk in chromium against two real nodes over mutual TLS: a FLASH sent from JPN's node appears live on
 * KOR's desk, is acknowledged there with one click, and JPN learns of the acknowledgement (R24, R25); one left
 * unacknowledged past its objective raises an alarm live on the desk, cleared there with a note.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeskBrowserTest {
    @Test
    void aFlashFromJpn_appearsLiveOnKorsDesk_andOneClickAcknowledgesIt() throws Exception {
        WebDriver browser = Browsers.chromium();
        try (HotlinePair p = pair(Objectives.defaults())) {
            ApiServer api = console(p);
            try {
                String base = "http://127.0.0.1:" + api.port();
                WebDriverWait wait = Browsers.waiting(browser, Duration.ofSeconds(15));
                signInAsKim(browser, wait, base);
                browser.findElement(By.linkText("Hotline")).click();
                browser.findElement(By.linkText(HotlinePair.LINE)).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-sse=open]")));

                long sent = System.nanoTime();
                HotlineMessage flash = p.jh.send(p.sato, new Messages.Outgoing(HotlinePair.LINE, Precedence.FLASH, "秘",
                        "Launch detected from Sinpo, impact expected in the Sea of Japan", List.of(), Optional.empty()));
                WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("m-" + flash.id())));
                long appeared = System.nanoTime() - sent;
                assertThat(shown.getAttribute("class")).contains("prec-FLASH");
                assertThat(shown.findElement(By.className("marking")).getText()).isEqualTo("JPN / 군사Ⅲ급비밀");
                assertThat(shown.findElement(By.className("text")).getText()).startsWith("Launch detected from Sinpo");
                assertThat(appeared).as("from JPN's send to KOR's desk, ns").isLessThan(10_000_000_000L);
                // The banners rose to the message's level: the highest label on the page.
                wait.until(ExpectedConditions.textToBe(By.id("banner-top"), "군사Ⅲ급비밀"));
                assertThat(browser.findElement(By.id("banner-bottom")).getText()).isEqualTo("군사Ⅲ급비밀");
                shot(browser, "08-desk-flash");

                browser.findElement(By.id("ack-" + flash.id())).click();
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state-" + flash.id()),
                        "ACKNOWLEDGED by kim"));
                assertThat(browser.findElements(By.id("ack-" + flash.id()))).isEmpty();
                shot(browser, "09-desk-acknowledged");
                long end = System.nanoTime() + 15_000_000_000L;
                while (p.jh.messages(p.sato, HotlinePair.LINE, false, 10).stream().noneMatch(m -> m.id().equals(flash.id())
                        && m.acknowledgedAt().isPresent())) {
                    assertThat(System.nanoTime()).as("JPN learns of the acknowledgement").isLessThan(end);
                    Thread.sleep(50);
                }
            } finally {
                api.close();
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void anAcknowledgementLateForItsObjective_raisesAnAlarmLiveOnTheDesk_whichIsClearedWithANote() throws Exception {
        WebDriver browser = Browsers.chromium();
        try (HotlinePair p = pair(Objectives.parse("FLASH=10s"))) {
            ApiServer api = console(p);
            try {
                String base = "http://127.0.0.1:" + api.port();
                WebDriverWait wait = Browsers.waiting(browser, Duration.ofSeconds(15));
                signInAsKim(browser, wait, base);
                browser.get(base + "/hotline/" + HotlinePair.LINE);
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-sse=open]")));
                HotlineMessage flash = p.jh.send(p.sato, new Messages.Outgoing(HotlinePair.LINE, Precedence.FLASH, "秘",
                        "Second launch detected", List.of(), Optional.empty()));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("m-" + flash.id())));
                // Nobody acknowledges: once the objective of 10 s has passed, KOR's escalation check raises the alarm.
                long end = System.nanoTime() + 30_000_000_000L;
                while (p.kh.checkEscalations() == 0) {
                    assertThat(System.nanoTime()).as("the alarm is raised").isLessThan(end);
                    Thread.sleep(100);
                }
                WebElement alarm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                        "#alarms li.alarm")));
                assertThat(alarm.findElement(By.className("kind")).getText()).isEqualTo("UNACKNOWLEDGED (R25)");
                assertThat(alarm.findElement(By.className("detail")).getText()).contains(flash.id())
                        .contains("is not acknowledged within its objective of 10s (R25)");
                assertThat(alarm.findElement(By.className("recipients")).getText()).contains("escalation contact");
                shot(browser, "10-desk-alarm");
                alarm.findElement(By.name("note")).sendKeys("called the JCS J3 duty director");
                alarm.findElement(By.cssSelector("form.clear button")).click();
                wait.until(ExpectedConditions.stalenessOf(alarm));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-sse=open]")));
                assertThat(browser.findElements(By.cssSelector("#alarms li.alarm"))).isEmpty();
                assertThat(p.kh.alarms(p.kim, true)).singleElement().satisfies(a -> assertThat(a.open()).isFalse());
            } finally {
                api.close();
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void thePicture_drawsEachPartysTrack_theFusedTrack_andLandOnAnOfflineMap() throws Exception {
        WebDriver browser = Browsers.chromium();
        try (HotlinePair p = pair(Objectives.defaults())) {
            ApiServer api = console(p);
            try {
                String base = "http://127.0.0.1:" + api.port();
                java.time.Instant t0 = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                GeoPoint launch = new GeoPoint(39.66, 124.70, 0);
                Velocity v = new Velocity(300, 2_000, 1_500);
                p.jh.tracks().publish(p.sato, HotlinePair.LINE, List.of(new TrackUpdate("JPN-2026-001", t0.plusSeconds(60),
                        launch.moved(v, 60), v, launch, new GeoPoint(40.9, 138.6, 0), 40_000, "JPN FPS-5 Sado", 0.8, "秘")));
                p.kh.tracks().publish(p.kim, HotlinePair.LINE, List.of(new TrackUpdate("KOR-2026-007", t0.plusSeconds(60),
                        launch.moved(v, 60), v, launch, new GeoPoint(40.7, 138.9, 0), 60_000, "KOR Green Pine", 0.7,
                        "군사Ⅲ급비밀")));
                HotlinePair.await(15, () -> p.kh.tracks().picture(p.kim, HotlinePair.LINE).views().size() == 2);
                WebDriverWait wait = Browsers.waiting(browser, Duration.ofSeconds(20));
                signInAsKim(browser, wait, base);
                browser.get(base + "/hotline/" + HotlinePair.LINE);
                browser.findElement(By.id("picture")).click();
                WebElement map = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                        "#map[data-tracks='2'][data-land=drawn]")));
                assertThat(map.getAttribute("data-fused")).isEqualTo("1");
                // The fused track's symbol (milsymbol, APP-6) and the parties' views are drawn on canvases.
                assertThat(browser.findElements(By.cssSelector("#map canvas.symbols"))).hasSize(1);
                assertThat(browser.findElements(By.cssSelector("#map canvas"))).hasSizeGreaterThan(1);
                assertThat(browser.findElement(By.id("fused-rows")).getText()).contains("JPN JPN-2026-001")
                        .contains("KOR KOR-2026-007");
                assertThat(browser.findElement(By.id("picture-status")).getText()).startsWith("2 track view(s), 1 fused");
                assertThat(browser.findElement(By.id("banner-top")).getText()).isEqualTo("군사Ⅲ급비밀");
                // The line's health and latency per precedence on the desk.
                shot(browser, "15-picture");
                browser.get(base + "/hotline/" + HotlinePair.LINE);
                assertThat(browser.findElement(By.id("health")).getText()).contains("FLASH").contains("ROUTINE");
            } finally {
                api.close();
            }
        } finally {
            browser.quit();
        }
    }

    /** JPN and KOR over mutual TLS with the line between them, {@code objectives} for its acknowledgements. */
    private static HotlinePair pair(Objectives objectives) throws Exception {
        return new HotlinePair(TestNodes.Db.H2, TestNodes.Db.H2, Clock.systemUTC(), new Hotline.Options(Duration.ZERO,
                Duration.ZERO), false, objectives, 0);
    }

    /** KOR's API and console on a free port. */
    private static ApiServer console(HotlinePair p) {
        return ApiServer.start(p.kor, Optional.of(p.kf), Optional.of(p.kh), "127.0.0.1", 0);
    }

    private static void signInAsKim(WebDriver browser, WebDriverWait wait, String base) {
        Browsers.signIn(browser, base, "kim", "a long enough password");
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        Browsers.shot(browser, name);
    }
}
