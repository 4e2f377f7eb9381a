package io.liaison.federation.release;

import static io.liaison.federation.JpnKor.GSOMIA;
import static io.liaison.federation.JpnKor.JPN;
import static io.liaison.federation.JpnKor.KOR;
import static io.liaison.federation.JpnKor.MISSILE;
import static org.assertj.core.api.Assertions.assertThat;

import io.liaison.core.access.Clearance;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
import io.liaison.federation.Federation;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import io.liaison.node.audit.AuditEntry;
import io.liaison.node.items.NewItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Releases decided at the same moment share one transaction (group commit). On a real database (H2, a fresh
 * PostgreSQL): each is queued once with its custody entry, its record of who holds the item and its audit records,
 * the officer's read before the release; and a release whose rows the database refuses fails alone and leaves nothing.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReleaseGroupCommitTest {
    private final MutableClock clock = new MutableClock(Instant.now());

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void concurrentReleases_eachQueuedOnceWithItsRecords_andARefusedOneFailsAlone(TestNodes.Db db) throws Exception {
        int n = 24;
        try (TestNodes.Created dir = TestNodes.create(db, JPN, clock); Node jpn = dir.open(clock);
                Federation jf = Federation.start(jpn, "127.0.0.1", 0)) {
            User officer = io.liaison.node.TestUsers.add(jpn, new User("sato", new Clearance("jpn", "特定秘密", Map.of(), JPN),
                    Set.of(Role.RELEASING_OFFICER, Role.ANALYST), Set.of(MISSILE), true), "a long enough password".toCharArray());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("Japan MOD"), "秘", Optional.empty(), List.of(),
                        Optional.of(JPN), clock.instant(), Optional.empty());
                ids.add(jpn.items().create(officer, new NewItem("report " + i, "text " + i, label, Set.of(MISSILE), false,
                        List.of(), "J2")).id());
            }
            String doomed = ids.get(n / 2);
            // The database refuses the record of who holds this one item: its release's last row.
            jpn.database().jdbi().useHandle(h -> h.execute("ALTER TABLE released_items ADD CONSTRAINT test_refused CHECK "
                    + "(item_id <> '" + doomed + "')"));

            Map<String, UUID> envelopes = new ConcurrentHashMap<>();
            Map<String, Throwable> failures = new ConcurrentHashMap<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> officers = new ArrayList<>();
            for (String id : ids) {
                officers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        Releases.Released r = jf.releases().release(officer, id, KOR, MISSILE, GSOMIA);
                        assertThat(r.decision().allowed()).as(r.decision().message()).isTrue();
                        envelopes.put(id, r.envelope().orElseThrow());
                    } catch (Throwable t) {
                        failures.put(id, t);
                    }
                }));
            }
            start.countDown();
            for (Thread t : officers) {
                t.join();
            }

            assertThat(failures).containsOnlyKeys(doomed);
            assertThat(envelopes).hasSize(n - 1).doesNotContainKey(doomed);
            Map<String, String> queued = jpn.database().jdbi().withHandle(h -> h.createQuery("SELECT item_id, id FROM outbox "
                    + "WHERE type = 'RELEASE'").setMapKeyColumn("item_id").setMapValueColumn("id")
                    .collectInto(new org.jdbi.v3.core.generic.GenericType<Map<String, String>>() {}));
            Map<String, String> expected = new java.util.HashMap<>();
            envelopes.forEach((item, envelope) -> expected.put(item, envelope.toString()));
            assertThat(queued).isEqualTo(expected);
            assertThat(count(jpn, "SELECT COUNT(*) FROM custody WHERE action LIKE 'released to KOR%'")).isEqualTo(n - 1);
            assertThat(count(jpn, "SELECT COUNT(*) FROM custody WHERE action LIKE 'released%' AND item_id = '" + doomed + "'"))
                    .isZero();
            assertThat(count(jpn, "SELECT COUNT(*) FROM released_items")).isEqualTo(n - 1);

            jpn.audit().sequenceNow();
            List<AuditEntry> log = jpn.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 1_000);
            for (String id : ids) {
                List<String> events = log.stream().filter(e -> e.subject().equals(id)
                        && e.event().matches("item\\.read-for-release|item\\.release")).map(AuditEntry::event).toList();
                assertThat(events).as(id).isEqualTo(id.equals(doomed) ? List.of()
                        : List.of("item.read-for-release", "item.release"));
            }
            assertThat(jpn.verifyAudit().ok()).isTrue();
        }
    }

    private static long count(Node node, String sql) {
        return node.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
