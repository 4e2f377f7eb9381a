package io.liaison.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.DomainException;
import io.liaison.core.error.ForbiddenException;
import io.liaison.core.error.InvalidInputException;
import io.liaison.core.error.RateLimitedException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.core.party.Party;
import io.liaison.core.party.Purpose;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.TestUsers;
import io.liaison.node.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Accounts, the two-person rule for grants, suspension and login throttling, on a real node. */
@Timeout(120)
class AccountsTest {
    private static final Party KOR = Party.of("KOR");
    private static final Purpose MISSILE = Purpose.of("DPRK missile threat");
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;
    private User admin;
    private User officer;

    @BeforeEach
    void start() {
        created = TestNodes.create(TestNodes.Db.H2, KOR, clock);
        node = created.open(clock);
        admin = TestUsers.admin(node);
        officer = TestUsers.officer(node);
    }

    @AfterEach
    void stop() {
        node.close();
        created.close();
    }

    private User add(String name, String level, Set<Role> roles, Set<Purpose> duties) {
        return TestUsers.add(node, new User(name, new Clearance("kor", level, Map.of(), KOR), roles, duties, true),
                name + "'s long password");
    }

    private long audited(String event) {
        return node.audit().tail(AuditLog.Viewer.SYSTEM, -1, 1000).stream().filter(e -> e.event().equals(event)).count();
    }

    @Test
    void login_issuesATokenThatAuthenticatesUntilItExpires() {
        var t = node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "127.0.0.1");
        assertThat(t.toString()).doesNotContain(t.token());
        assertThat(node.accounts().authenticate(t.token()).name()).isEqualTo("admin");
        clock.advance(Accounts.SESSION.plusSeconds(1));
        assertThatThrownBy(() -> node.accounts().authenticate(t.token())).isInstanceOf(UnauthenticatedException.class);
        String stored = node.database().jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM tokens").mapTo(String.class)
                .list()).toString();
        assertThat(stored).doesNotContain(t.token());
    }

    @Test
    void anAddedAccount_isAnIdentityOnly_untilASecondOfficerApprovesItsGrant() {
        User kim = node.accounts().add(admin, "kim", KOR, "kim's long password".toCharArray());
        assertThat(kim.roles()).isEmpty();
        assertThat(kim.duties()).isEmpty();
        assertThat(kim.clearance().level()).isEqualTo("평문");
        GrantRequest g = node.grants().request(admin, "kim", Set.of(Role.ANALYST), Set.of(MISSILE),
                Optional.of(new Clearance("kor", "군사Ⅱ급비밀", Map.of(), KOR)));
        assertThat(node.accounts().require("kim").roles()).as("nothing before approval").isEmpty();
        User granted = node.grants().approve(officer, g.id());
        assertThat(granted.roles()).containsExactly(Role.ANALYST);
        assertThat(granted.clearance().level()).isEqualTo("군사Ⅱ급비밀");
        assertThat(node.grants().find(g.id()).orElseThrow().status()).isEqualTo(GrantRequest.Status.APPROVED);
        assertThatThrownBy(() -> node.grants().approve(officer, g.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> node.accounts().add(admin, "kim", KOR, "another long password".toCharArray()))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void theAdmin_cannotGiveItselfClearanceOrAnAnalystRole_norApproveAnything() {
        // Finding 2: the admin granted itself 군사Ⅰ급비밀 and an analyst role in one call.
        assertThatThrownBy(() -> node.grants().request(admin, "admin", Set.of(Role.ANALYST), Set.of(MISSILE),
                Optional.of(new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("separation of powers");
        GrantRequest clearanceOnly = node.grants().request(admin, "admin", Set.of(), Set.of(),
                Optional.of(new Clearance("kor", "군사Ⅰ급비밀", Map.of(), KOR)));
        assertThatThrownBy(() -> node.grants().approve(admin, clearanceOnly.id())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("security-officer");
        assertThat(node.accounts().require("admin").clearance().level()).isEqualTo("평문");
    }

    @Test
    void nobodyApprovesTheirOwnRequest_orAGrantToThemselves() {
        User park = add("park", "군사Ⅰ급비밀", Set.of(Role.SECURITY_OFFICER), Set.of(MISSILE));
        GrantRequest own = node.grants().request(park, "park", Set.of(Role.ANALYST),
                Set.of(), Optional.empty());
        assertThatThrownBy(() -> node.grants().approve(park, own.id())).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("second security officer");
        GrantRequest forPark = node.grants().request(admin, "park", Set.of(Role.RELEASING_OFFICER), Set.of(),
                Optional.empty());
        assertThatThrownBy(() -> node.grants().approve(park, forPark.id())).isInstanceOf(ForbiddenException.class);
        GrantRequest byPark = node.grants().request(park, NodeInitNames.OFFICER, Set.of(), Set.of(MISSILE),
                Optional.empty());
        assertThatThrownBy(() -> node.grants().approve(officer, byPark.id())).as("a grant to the approver himself")
                .isInstanceOf(ForbiddenException.class);
        assertThat(node.grants().approve(officer, own.id()).roles()).contains(Role.ANALYST);
        node.grants().deny(officer, forPark.id(), "not needed");
        assertThat(node.grants().find(forPark.id()).orElseThrow().reason()).contains("not needed");
        assertThat(audited("user.grant")).isEqualTo(2);
    }

    @Test
    void suspension_endsEverySessionAndApiToken_refusesLogin_andOnlyASecondOfficerReinstates() {
        // Finding 1: after suspension, the API token still worked, new tokens were made, login worked, and the user
        // reinstated himself.
        User sox = add("sox", "군사Ⅱ급비밀", Set.of(Role.ANALYST, Role.SECURITY_OFFICER), Set.of(MISSILE));
        var session = node.accounts().login("sox", "sox's long password".toCharArray(), "127.0.0.1");
        var api = node.accounts().createApiToken(sox, "script");
        User suspended = node.accounts().suspend(officer, "sox");
        assertThat(suspended.facilityActive()).isFalse();
        assertThatThrownBy(() -> node.accounts().authenticate(session.token())).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> node.accounts().authenticate(api.token())).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> node.accounts().createApiToken(sox, "another")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> node.accounts().login("sox", "sox's long password".toCharArray(), "127.0.0.1"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("suspended");
        assertThatThrownBy(() -> node.grants().requestReinstatement(suspended, "sox")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> node.accounts().suspend(suspended, "admin")).isInstanceOf(ForbiddenException.class);
        GrantRequest back = node.grants().requestReinstatement(admin, "sox");
        assertThat(node.accounts().require("sox").facilityActive()).isFalse();
        assertThat(node.grants().approve(officer, back.id()).facilityActive()).isTrue();
        assertThat(node.accounts().login("sox", "sox's long password".toCharArray(), "127.0.0.1").user()).isEqualTo("sox");
        assertThat(audited("user.suspend")).isEqualTo(1);
        assertThat(audited("user.reinstate")).isEqualTo(1);
    }

    @Test
    void revoking_takesPowersAwayAtOnce() {
        add("lee", "군사Ⅲ급비밀", Set.of(Role.ANALYST, Role.RELEASING_OFFICER), Set.of(MISSILE));
        User lee = node.grants().revoke(officer, "lee", Set.of(Role.RELEASING_OFFICER), Set.of(MISSILE));
        assertThat(lee.roles()).containsExactly(Role.ANALYST);
        assertThat(lee.duties()).isEmpty();
    }

    @Test
    void wrongPasswordsFromOneAddress_lockThatAccountThere_butNotItsOwnerElsewhere() {
        // Finding 10: five wrong passwords from one address locked every account, correct passwords included.
        add("kim", "군사Ⅱ급비밀", Set.of(Role.ANALYST), Set.of(MISSILE));
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> node.accounts().login("admin", "wrong password!".toCharArray(), "10.0.0.9"))
                    .isInstanceOf(UnauthenticatedException.class).hasMessage("user name or password is wrong");
        }
        assertThatThrownBy(() -> node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.9"))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("try again in")
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfterSeconds()).isBetween(1L, 900L));
        assertThat(node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.7").user())
                .as("the owner from another address").isEqualTo("admin");
        assertThat(node.accounts().login("kim", "kim's long password".toCharArray(), "10.0.0.9").user())
                .as("another account from the same address").isEqualTo("kim");
        clock.advance(Duration.ofMinutes(16));
        assertThat(node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.9").user())
                .isEqualTo("admin");
        assertThat(audited("login.failed")).isEqualTo(5);
        assertThat(audited("login.throttled")).isEqualTo(1);
    }

    @Test
    void anAddressTryingManyAccounts_isThrottledForAll() {
        for (int i = 0; i < 20; i++) {
            String name = "guess" + i;
            assertThatThrownBy(() -> node.accounts().login(name, "wrong password!".toCharArray(), "10.0.0.66"))
                    .isInstanceOf(UnauthenticatedException.class);
        }
        assertThatThrownBy(() -> node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.66"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.67").user())
                .isEqualTo("admin");
    }

    @Test
    void parallelWrongPasswords_shareTheLimit_andARestartForgetsNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Callable<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            attempts.add(() -> {
                try {
                    node.accounts().login("admin", "wrong password!".toCharArray(), "10.0.0.5");
                    return "in";
                } catch (DomainException e) {
                    return e.code();
                }
            });
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(attempts)) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes.stream().filter("LOGIN_FAILED"::equals).count()).as(outcomes.toString()).isEqualTo(5);
        assertThat(outcomes.stream().filter("LOGIN_THROTTLED"::equals).count()).isEqualTo(35);
        assertThat(audited("login.failed")).isEqualTo(5);
        node.close();
        node = created.open(clock);
        assertThatThrownBy(() -> node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.5"))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void aLoginNameThatCannotBeAUser_isBadInput_andAudited() {
        String longName = "x".repeat(300);
        assertThatThrownBy(() -> node.accounts().login(longName, "whatever password".toCharArray(), "127.0.0.1"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(audited("login.failed")).isEqualTo(1);
    }

    @Test
    void unknownUser_failsLikeAWrongPassword() {
        assertThatThrownBy(() -> node.accounts().login("nobody", "whatever password".toCharArray(), "127.0.0.1"))
                .isInstanceOf(UnauthenticatedException.class).hasMessage("user name or password is wrong");
    }

    @Test
    void clearanceOutsideThePolicy_isRefused() {
        node.accounts().add(admin, "bob", KOR, "bob's long password".toCharArray());
        assertThatThrownBy(() -> node.grants().request(admin, "bob", Set.of(), Set.of(),
                Optional.of(new Clearance("kor", "TOP SECRET", Map.of(), KOR))))
                .hasMessageContaining("TOP SECRET").hasMessageContaining("kor");
    }

    /** The first officer's name, as init makes it. */
    private static final class NodeInitNames {
        static final String OFFICER = io.liaison.node.NodeInit.OFFICER;
    }
}
