package io.liaison.node.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.party.Party;
import io.liaison.node.MutableClock;
import io.liaison.node.Node;
import io.liaison.node.TestNodes;
import io.liaison.node.accounts.Role;
import io.liaison.node.accounts.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A failure half-way through a write leaves the database, the search index and the audit log as they were. */
@org.junit.jupiter.api.Timeout(600)
class FaultInjectionTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));

    private static long count(Node node, String table) {
        node.audit().sequenceNow();
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    @ParameterizedTest
    @CsvSource({"H2,item.create.inserted", "H2,item.create.audited", "POSTGRESQL,item.create.inserted",
            "POSTGRESQL,item.create.audited", "H2,item.destroy.shredded", "POSTGRESQL,item.reclassify.done"})
    void failureMidWrite_leavesEverythingConsistent(TestNodes.Db db, String point) {
        boolean[] armed = {false};
        FaultInjector faults = p -> {
            if (armed[0] && p.equals(point)) {
                throw new IllegalStateException("injected failure at " + p);
            }
        };
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock, faults)) {
            User officer = ItemsTest.user(node, "so", "군사Ⅰ급비밀", Set.of(Role.SECURITY_OFFICER, Role.ANALYST),
                    Set.of(ItemsTest.MISSILE));
            ItemView existing = node.items().create(officer, ItemsTest.item("existing", "kept", ItemsTest.label("군사Ⅱ급비밀"),
                    Set.of(ItemsTest.MISSILE)));
            long hits = node.items().search(officer, "", 0, 100).total();
            long items = count(node, "items");
            long audit = count(node, "audit_log");
            long custody = count(node, "custody");
            long reclassifications = count(node, "reclassifications");

            armed[0] = true;
            assertThatThrownBy(() -> {
                switch (point) {
                    case "item.destroy.shredded" -> node.items().destruction().destroy(officer, existing.id(), "test");
                    case "item.reclassify.done" -> node.items().reclassification().reclassify(officer, existing.id(), "군사Ⅰ급비밀", "test");
                    default -> node.items().create(officer, ItemsTest.item("doomed", "never stored",
                            ItemsTest.label("군사Ⅱ급비밀"), Set.of(ItemsTest.MISSILE)));
                }
            }).hasMessageContaining("injected failure");
            armed[0] = false;

            assertThat(count(node, "items")).isEqualTo(items);
            assertThat(count(node, "custody")).isEqualTo(custody);
            assertThat(count(node, "reclassifications")).isEqualTo(reclassifications);
            assertThat(count(node, "destruction_certificates")).isZero();
            // Only the access check that preceded the failed write (destroy, reclassify) is recorded; nothing of the write.
            long expectedAudit = point.startsWith("item.create") ? 0 : 1;
            assertThat(count(node, "audit_log") - audit).isEqualTo(expectedAudit);
            assertThat(node.items().search(officer, "", 0, 100).total()).isEqualTo(hits);
            assertThat(node.items().search(officer, "never stored", 0, 100).total()).isZero();
            assertThat(node.items().read(officer, existing.id(), Optional.empty()).text()).contains("kept");
            assertThat(node.items().read(officer, existing.id(), Optional.empty()).nodeLabel().classification())
                    .isEqualTo("군사Ⅱ급비밀");
            assertThat(node.items().indexConsistent()).isTrue();
            // No key is left behind for an item that never committed, and the surviving item keeps its key.
            assertThat(ItemsTest.keyIds(node)).containsExactly(existing.id());
            var v = node.verifyAudit();
            assertThat(v.ok()).as(v.problem()).isTrue();
            assertThat(List.of(v.pending())).containsExactly(0L);
        }
    }
    /** Items created at the same moment share a commit; one whose write fails fails alone, and leaves nothing. */
    @ParameterizedTest
    @CsvSource({"H2", "POSTGRESQL"})
    void concurrentCreations_oneFailing_theOthersCommit(TestNodes.Db db) throws Exception {
        FaultInjector faults = new FaultInjector() {
            @Override
            public void at(String point) {
            }

            @Override
            public void at(String point, String itemTitle) {
                if (point.equals("item.create.inserted") && itemTitle.equals("doomed")) {
                    throw new IllegalStateException("injected failure at " + point + " for " + itemTitle);
                }
            }
        };
        try (TestNodes.Created created = TestNodes.create(db, Party.of("KOR"), clock); Node node = created.open(clock, faults)) {
            User officer = ItemsTest.user(node, "so", "군사Ⅰ급비밀", Set.of(Role.SECURITY_OFFICER, Role.ANALYST),
                    Set.of(ItemsTest.MISSILE));
            List<String> titles = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                titles.add(i == 11 ? "doomed" : "report " + i);
            }
            java.util.Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> threads = new java.util.ArrayList<>();
            for (String title : titles) {
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        start.await();
                        ids.put(title, node.items().create(officer, ItemsTest.item(title, "text of " + title,
                                ItemsTest.label("군사Ⅱ급비밀"), Set.of(ItemsTest.MISSILE))).id());
                    } catch (InterruptedException | RuntimeException e) {
                        failures.put(title, String.valueOf(e.getMessage()));
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(failures).containsOnlyKeys("doomed");
            assertThat(failures.get("doomed")).contains("injected failure");
            assertThat(ids).hasSize(23).doesNotContainKey("doomed");
            for (var e : ids.entrySet()) {
                assertThat(node.items().read(officer, e.getValue(), Optional.empty()).text()).contains("text of " + e.getKey());
            }
            assertThat(count(node, "items")).isEqualTo(23 + 1); // and the node's decoy
            assertThat(count(node, "custody")).isEqualTo(23);
            assertThat(ItemsTest.keyIds(node)).containsExactlyInAnyOrderElementsOf(ids.values());
            long creations = node.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE "
                    + "entry LIKE '%item.create%'").mapTo(Long.class).one());
            assertThat(creations).isEqualTo(23);
            assertThat(node.items().search(officer, "doomed", 0, 100).total()).isZero();
            var v = node.verifyAudit();
            assertThat(v.ok()).as(v.problem()).isTrue();
        }
    }
}
