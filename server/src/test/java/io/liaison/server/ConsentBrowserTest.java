package io.liaison.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.core.access.Clearance;
import io.liaison.federation.Federation;
import io.liaison.federation.Peering;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.items.ItemView;
import io.liaison.node.items.NewItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Consent and incidents across three real nodes in chromium: KOR's releasing officer is refused the onward release
 * of JPN's item to USA for want of JPN's consent (R6) and asks for it from the release page; JPN's security officer
 * grants it in JPN's console; the same release then goes through on KOR's and reaches USA. Then KOR's security
 * officer reports a suspected compromise, JPN's sees the case arrive, and KOR's closes it with findings (R15).
 * The two consoles are reached as 127.0.0.1 and localhost, so each keeps its own session cookie.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsentBrowserTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party USA = Party.of("USA");
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private static final String PASSWORD = "a long enough password";
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<AutoCloseable> open = new ArrayList<>();

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static User user(Node node, String name, String policy, String level, Party nationality, Role... roles) {
        return TestUsers.add(node, new User(name, new Clearance(policy, level, Map.of(), nationality), Set.of(roles),
                Set.of(MISSILE), true), PASSWORD.toCharArray());
    }

    @Test
    void aConsentGrantedInJpnsConsole_letsKorsReleaseToUsaThrough_andAnIncidentIsReportedAndClosed() throws Exception {
        Node jpn = keep(keep(TestNodes.create(TestNodes.Db.H2, JPN, clock)).open(clock));
        Node usa = keep(keep(TestNodes.create(TestNodes.Db.H2, USA, clock)).open(clock));
        Node kor = keep(keep(TestNodes.create(TestNodes.Db.H2, KOR, clock)).open(clock));
        Map<Party, Integer> ports = Peering.ports(jpn, usa, kor);
        Peering.connect(ports, jpn, usa, kor);
        Federation jf = keep(Federation.start(jpn, "127.0.0.1", ports.get(JPN)));
        Federation uf = keep(Federation.start(usa, "127.0.0.1", ports.get(USA)));
        Federation kf = keep(Federation.start(kor, "127.0.0.1", ports.get(KOR)));
        User sato = user(jpn, "sato", "jpn", "特定秘密", JPN, Role.ANALYST, Role.RELEASING_OFFICER);
        user(jpn, "tanaka", "jpn", "特定秘密", JPN, Role.SECURITY_OFFICER, Role.ANALYST);
        user(kor, "kim", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST, Role.RELEASING_OFFICER);
        user(kor, "park", "kor", "군사Ⅰ급비밀", KOR, Role.ANALYST, Role.SECURITY_OFFICER);
        User smith = user(usa, "smith", "usa", "TOP SECRET", USA, Role.ANALYST);
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                Optional.of(JPN), clock.instant(), Optional.empty());
        ItemView item = jpn.items().create(sato, new NewItem("Musudan launch", "Launch from Wonsan at 05:58", label,
                Set.of(MISSILE), false, List.of(), "J2"));
        assertThat(jf.releases().release(sato, item.id(), KOR, MISSILE, AgreementId.of("jpn-kor-gsomia-2016"))
                .decision().allowed()).isTrue();
        deliver(jf, uf, kf);
        ApiServer korConsole = keep(ApiServer.start(kor, Optional.of(kf), Optional.empty(), "127.0.0.1", 0));
        ApiServer jpnConsole = keep(ApiServer.start(jpn, Optional.of(jf), Optional.empty(), "127.0.0.1", 0));
        String korBase = "http://127.0.0.1:" + korConsole.port();
        String jpnBase = "http://localhost:" + jpnConsole.port();

        WebDriver browser = Browsers.chromium();
        try {
            var wait = Browsers.waiting(browser);
            // KOR: the received item, marked in KOR's words with JPN's label beside it; its release to USA refused.
            Browsers.signIn(browser, korBase, "kim", PASSWORD);
            browser.get(korBase + "/search?q=Wonsan");
            browser.findElement(By.linkText("Musudan launch")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("originator-label")));
            assertThat(browser.findElement(By.id("marking")).getText()).isEqualTo("JPN / 군사Ⅲ급비밀");
            assertThat(browser.findElement(By.id("originator-label")).getText()).startsWith("秘");
            browser.findElement(By.id("release")).click();
            wait.until(ExpectedConditions.urlContains("/release"));
            new Select(browser.findElement(By.name("to"))).selectByValue("USA");
            new Select(browser.findElement(By.name("agreement"))).selectByValue("usa-kor-gsa-1987");
            browser.findElement(By.cssSelector("button[value=preview]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision")));
            assertThat(browser.findElement(By.id("decision")).getText()).startsWith("REFUSED CONSENT_MISSING [R6")
                    .contains("JPN");
            assertThat(browser.findElements(By.id("confirm"))).isEmpty();
            browser.findElement(By.name("reason")).sendKeys("USFK needs the launch data for missile defence");
            Browsers.shot(browser, "11-release-needs-consent");
            browser.findElement(By.id("ask-consent")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "went to JPN's security "
                    + "officer"));
            deliver(jf, uf, kf);

            // JPN: the request in the security officer's inbox, with the item as far as he may read it; granted.
            Browsers.signIn(browser, jpnBase, "tanaka", PASSWORD);
            browser.get(jpnBase + "/consents");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("asked"), "Musudan launch"));
            assertThat(browser.findElement(By.id("asked")).getText()).contains("KOR asks to pass it to USA")
                    .contains("USFK needs the launch data").contains("PENDING");
            Browsers.shot(browser, "12-consent-inbox");
            browser.findElement(By.cssSelector("#asked button[id^=grant-]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("given"), "IN FORCE"));
            assertThat(browser.findElement(By.id("asked")).getText()).contains("GRANTED");
            deliver(jf, uf, kf);

            // KOR: the same release is now allowed, and goes.
            browser.get(korBase + "/items/" + kor.items().search(kor.accounts().require("kim"), "Wonsan", 0, 1).hits()
                    .getFirst().id() + "/release");
            new Select(browser.findElement(By.name("to"))).selectByValue("USA");
            new Select(browser.findElement(By.name("agreement"))).selectByValue("usa-kor-gsa-1987");
            browser.findElement(By.cssSelector("button[value=preview]")).click();
            wait.until(ExpectedConditions.textMatches(By.id("decision"), java.util.regex.Pattern.compile("^ALLOWED.*")));
            browser.findElement(By.id("confirm")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decision"), "released in envelope"));
            Browsers.shot(browser, "13-release-with-consent");
            deliver(jf, uf, kf);
            assertThat(usa.items().search(smith, "Wonsan", 0, 10).total()).isEqualTo(1);
            // JPN's officer revokes the consent, used or not: it stands revoked at JPN from then on.
            browser.get(jpnBase + "/consents");
            browser.findElement(By.cssSelector("#given button[id^=revoke-]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("given"), "REVOKED"));
            deliver(jf, uf, kf);
            browser.get(korBase + "/outbox");
            assertThat(browser.findElement(By.id("outbox")).getText()).contains("USA RELEASE usa-kor-gsa-1987").contains("CONSENT_REQUEST");

            // An incident: KOR's security officer reports, JPN's sees the case, KOR's closes it with findings.
            browser.findElement(By.cssSelector("form.signout button")).click();
            Browsers.signIn(browser, korBase, "park", PASSWORD);
            browser.get(korBase + "/search?q=Wonsan");
            browser.findElement(By.linkText("Musudan launch")).click();
            browser.findElement(By.id("report")).click();
            new Select(browser.findElement(By.name("kind"))).selectByValue("SUSPECTED_COMPROMISE");
            browser.findElement(By.name("description")).sendKeys("A printout was left in a meeting room overnight");
            browser.findElement(By.id("send-report")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cases"), "SUSPECTED_COMPROMISE"));
            deliver(jf, uf, kf);
            browser.get(jpnBase + "/incidents");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cases"), "A printout was left"));
            assertThat(browser.findElement(By.id("cases")).getText()).contains("ORIGINATOR").contains("OPEN");
            browser.get(korBase + "/incidents");
            browser.findElement(By.name("findings")).sendKeys("The room was locked; no copy was made");
            browser.findElement(By.name("measures")).sendKeys("Printouts are logged out and back in");
            Browsers.shot(browser, "14-incident");
            browser.findElement(By.cssSelector("#cases button[id^=close-]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cases"), "CLOSED"));
            deliver(jf, uf, kf);
            browser.get(jpnBase + "/incidents");
            assertThat(browser.findElement(By.id("cases")).getText()).contains("CLOSED")
                    .contains("Printouts are logged out and back in");
        } catch (AssertionError | RuntimeException e) {
            Browsers.keepPage(browser, "failed-consent");
            throw e;
        } finally {
            browser.quit();
        }
    }

    private static void deliver(Federation... all) throws Exception {
        for (int round = 0; round < 3; round++) {
            for (Federation f : all) {
                f.deliverNow();
            }
        }
    }
}
