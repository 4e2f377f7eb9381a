package io.liaison.node.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liaison.core.agreement.AgreementId;
import io.liaison.core.error.IntegrityException;
import io.liaison.core.label.PolicyIdentifier;
import io.liaison.core.label.SecurityLabel;
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
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Items received together are signed once, as a batch, on H2 and on PostgreSQL: each is stored with its place in the
 * batch, reads alone (after the node is opened again too), and a signature moved from one item to another, or cut,
 * fails closed with an alarm.
 */
@org.junit.jupiter.api.Timeout(300)
class ReceivedBatchTest {
    private static final Party JPN = Party.of("JPN");
    private static final Party KOR = ItemsTest.KOR;
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));

    @ParameterizedTest
    @EnumSource(TestNodes.Db.class)
    void aBatchOfReceivedItems_isSignedOnce_eachReadsAlone_andAMovedSignatureIsAnAlarm(TestNodes.Db db) {
        try (TestNodes.Created created = TestNodes.create(db, KOR, clock)) {
            List<String> ids;
            try (Node node = created.open(clock)) {
                ItemsTest.user(node, "analyst", "군사Ⅱ급비밀", Set.of(Role.ANALYST), Set.of(ItemsTest.MISSILE));
                Exchange exchange = node.items().exchange();
                List<Exchange.Received> prepared = IntStream.range(0, 5).mapToObj(i -> exchange.prepareReceive(
                        incoming(i))).toList();
                exchange.ready(prepared);
                ids = exchange.commitReceiveAll(prepared, prepared.stream()
                        .<Function<String, List<io.liaison.node.store.Jdbc.Insert>>>map(p -> id -> List.of()).toList())
                        .stream().map(Exchange.Stored::id).toList();
                // One alone, as a single envelope is received.
                String alone = exchange.receive(incoming(5), (tx, id) -> {}).id();

                List<String> signatures = ids.stream().map(id -> signature(node, id)).toList();
                assertThat(signatures).allSatisfy(s -> assertThat(s).startsWith("b1:")
                        .hasSizeLessThanOrEqualTo(ItemSignature.MAX_WRITTEN));
                assertThat(signatures.getFirst()).as("wider than the column was before V11").hasSizeGreaterThan(200);
                assertThat(signatures.stream().map(s -> s.substring(s.lastIndexOf(':') + 1)).distinct())
                        .as("one signature for the batch").hasSize(1);
                assertThat(signature(node, alone)).matches("[0-9a-f]{128}");
                User analyst = node.accounts().require("analyst");
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(node.items().read(analyst, ids.get(i), Optional.empty()).text()).hasValue("report " + i);
                }
            }
            try (Node node = created.open(clock)) {
                // A node that remembers no signature of the batch verifies each item alone.
                User analyst = node.accounts().require("analyst");
                for (int i = ids.size() - 1; i >= 0; i--) {
                    assertThat(node.items().read(analyst, ids.get(i), Optional.empty()).text()).hasValue("report " + i);
                }
                // Item 1's signature on item 0: item 0's fields are not leaf 1 of that batch.
                String first = signature(node, ids.get(0));
                node.database().jdbi().useHandle(h -> h.execute("UPDATE items SET signature = ? WHERE id = ?",
                        signature(node, ids.get(1)), ids.get(0)));
                assertThatThrownBy(() -> node.items().read(analyst, ids.get(0), Optional.empty()))
                        .isInstanceOf(IntegrityException.class).hasMessageContaining("does not match the node's signature");
                // The longest text the column takes, and the true signature with its path cut: both fail.
                String longest = "b1:1:2:" + "0".repeat(ItemSignature.MAX_WRITTEN - 7);
                node.database().jdbi().useHandle(h -> h.execute("UPDATE items SET signature = ? WHERE id = ?",
                        longest, ids.get(2)));
                assertThatThrownBy(() -> node.items().read(analyst, ids.get(2), Optional.empty()))
                        .isInstanceOf(IntegrityException.class);
                String cut = first.replaceFirst("^(b1:0:5:)[0-9a-f]{64}", "$1");
                assertThat(cut).isNotEqualTo(first);
                node.database().jdbi().useHandle(h -> h.execute("UPDATE items SET signature = ? WHERE id = ?", cut,
                        ids.get(3)));
                assertThatThrownBy(() -> node.items().read(analyst, ids.get(3), Optional.empty()))
                        .isInstanceOf(IntegrityException.class);
                assertThat(node.audit().tail(io.liaison.node.audit.AuditLog.Viewer.SYSTEM, -1, 10))
                        .filteredOn(e -> e.event().equals("item.integrity") && e.outcome().equals("ALARM"))
                        .extracting(e -> e.subject()).contains(ids.get(0), ids.get(2), ids.get(3));
                // The others of the batch are untouched and still read.
                assertThat(node.items().read(analyst, ids.get(4), Optional.empty()).text()).hasValue("report 4");
            }
        }
    }

    private static String signature(Node node, String id) {
        return node.database().jdbi().withHandle(h -> h.createQuery("SELECT signature FROM items WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private static Incoming incoming(int i) {
        // The label as KOR's policy translates it, naming JPN as originator (R3).
        SecurityLabel label = new SecurityLabel(PolicyIdentifier.of("ROK MND"), "군사Ⅱ급비밀", Optional.empty(), List.of(),
                Optional.of(JPN), Instant.parse("2020-01-01T00:00:00Z"), Optional.empty());
        return new Incoming("Report " + i, "report " + i, List.of(), JPN, Set.of(JPN), label, label, "JPN / 군사Ⅱ급비밀", Set.of(ItemsTest.MISSILE), false, JPN,
                AgreementId.of("jpn-kor-gsomia-2016"), "env-" + i, "jpn-item-" + i, "jpn-item-" + i, List.of(JPN),
                List.of());
    }
}
