package io.liaison.node.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.access.Clearance;
import io.liaison.core.error.ConflictException;
import io.liaison.core.error.RateLimitedException;
import io.liaison.core.error.UnauthenticatedException;
import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private TestNodes.Created created;
    private Node node;

    @BeforeEach
    void start() {
        created = TestNodes.create(TestNodes.Db.H2, Party.of("KOR"), clock);
        node = created.open(clock);
    }

    @AfterEach
    void stop() {
        node.close();
        created.close();
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
    void wrongPasswordsAreThrottledEvenWhenTheRightOneFollows() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> node.accounts().login("admin", "wrong password!".toCharArray(), "10.0.0.9"))
                    .isInstanceOf(UnauthenticatedException.class).hasMessage("user name or password is wrong");
        }
        assertThatThrownBy(() -> node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.9"))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("try again in");
        clock.advance(Duration.ofMinutes(16));
        assertThat(node.accounts().login("admin", TestNodes.ADMIN_PASSWORD.toCharArray(), "10.0.0.9").user())
                .isEqualTo("admin");
        assertThat(node.audit().tail(-1, 20)).filteredOn(e -> e.event().equals("login.failed")).hasSize(5);
    }

    @Test
    void unknownUser_failsLikeAWrongPassword() {
        assertThatThrownBy(() -> node.accounts().login("nobody", "whatever password".toCharArray(), "127.0.0.1"))
                .isInstanceOf(UnauthenticatedException.class).hasMessage("user name or password is wrong");
    }

    @Test
    void suspension_endsSessions_andGrantsAddRolesAndDuties() {
        User u = new User("alice", new Clearance("kor", "군사Ⅱ급비밀", Map.of(), Party.of("KOR")), Set.of(Role.ANALYST),
                Set.of(), true);
        node.accounts().create("admin", u, "alice's long password".toCharArray());
        assertThatThrownBy(() -> node.accounts().create("admin", u, "another long password".toCharArray()))
                .isInstanceOf(ConflictException.class);
        var t = node.accounts().login("alice", "alice's long password".toCharArray(), "127.0.0.1");
        node.accounts().setFacilityActive("admin", "alice", false);
        assertThatThrownBy(() -> node.accounts().authenticate(t.token())).isInstanceOf(UnauthenticatedException.class);
        User granted = node.accounts().grant("admin", "alice", Set.of(Role.DUTY_OFFICER),
                Set.of(io.liaison.core.party.Purpose.of("DPRK missile threat")), Optional.empty());
        assertThat(granted.roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.DUTY_OFFICER);
        assertThat(granted.facilityActive()).isFalse();
    }

    @Test
    void clearanceOutsideThePolicy_isRefused() {
        User u = new User("bob", new Clearance("kor", "TOP SECRET", Map.of(), Party.of("KOR")), Set.of(), Set.of(), true);
        assertThatThrownBy(() -> node.accounts().create("admin", u, "bob's long password".toCharArray()))
                .hasMessageContaining("TOP SECRET").hasMessageContaining("kor");
    }
}
